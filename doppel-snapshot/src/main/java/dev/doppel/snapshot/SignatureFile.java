package dev.doppel.snapshot;

/** The content of {@code manifest.sig}: the algorithm and the base64 signature over manifest.json's bytes. */
record SignatureFile(String algorithm, String signature) {}
