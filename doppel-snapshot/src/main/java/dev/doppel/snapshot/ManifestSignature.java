package dev.doppel.snapshot;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A signature over the exact bytes of {@code manifest.json}, kept in {@code manifest.sig}. The
 * manifest holds the SHA-256 of every data file, so the signature covers the whole snapshot.
 *
 * <p>{@code ed25519}: the producing side signs with a private key and the restoring side checks
 * with the public key, which cannot sign: the recommended choice when the two sides must not
 * trust each other. {@code hmac-sha256}: both sides share one secret.
 */
public final class ManifestSignature {
    public static final String ED25519 = "ed25519";
    public static final String HMAC = "hmac-sha256";

    private ManifestSignature() {}

    /** Signs manifests. */
    public interface Signer {
        String algorithm();

        byte[] sign(byte[] manifest);
    }

    /** Checks signatures. */
    public interface Verifier {
        String algorithm();

        boolean verify(byte[] manifest, byte[] signature);
    }

    /**
     * @param key for ed25519 a PKCS#8 PEM private key ({@code openssl genpkey -algorithm ed25519}),
     *     for hmac-sha256 a secret of at least 16 characters
     */
    public static Signer signer(String algorithm, String key, String where) {
        String name = normalize(algorithm, where);
        if (name.equals(HMAC)) {
            byte[] secret = secret(key, where);
            return new Signer() {
                @Override
                public String algorithm() {
                    return HMAC;
                }

                @Override
                public byte[] sign(byte[] manifest) {
                    return hmac(secret, manifest);
                }
            };
        }
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pem(key, "PRIVATE KEY", where)));
        } catch (GeneralSecurityException e) {
            throw new DoppelException(ExitCode.BAD_INPUT, where + " is not an Ed25519 private key; make one with: openssl genpkey"
                    + " -algorithm ed25519 -out snapshot-signing.pem");
        }
        return new Signer() {
            @Override
            public String algorithm() {
                return ED25519;
            }

            @Override
            public byte[] sign(byte[] manifest) {
                try {
                    Signature signature = Signature.getInstance("Ed25519");
                    signature.initSign(privateKey);
                    signature.update(manifest);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime", e);
                }
            }
        };
    }

    /** @param key for ed25519 a PEM public key ({@code openssl pkey -pubout}), for hmac-sha256 the shared secret */
    public static Verifier verifier(String algorithm, String key, String where) {
        String name = normalize(algorithm, where);
        if (name.equals(HMAC)) {
            byte[] secret = secret(key, where);
            return new Verifier() {
                @Override
                public String algorithm() {
                    return HMAC;
                }

                @Override
                public boolean verify(byte[] manifest, byte[] signature) {
                    return MessageDigest.isEqual(hmac(secret, manifest), signature);
                }
            };
        }
        PublicKey publicKey;
        try {
            publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pem(key, "PUBLIC KEY", where)));
        } catch (GeneralSecurityException e) {
            throw new DoppelException(ExitCode.BAD_INPUT, where + " is not an Ed25519 public key; derive it from the signing"
                    + " key with: openssl pkey -in snapshot-signing.pem -pubout -out snapshot-verify.pem");
        }
        return new Verifier() {
            @Override
            public String algorithm() {
                return ED25519;
            }

            @Override
            public boolean verify(byte[] manifest, byte[] value) {
                try {
                    Signature signature = Signature.getInstance("Ed25519");
                    signature.initVerify(publicKey);
                    signature.update(manifest);
                    return signature.verify(value);
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
        };
    }

    private static String normalize(String algorithm, String where) {
        String name = algorithm == null ? ED25519 : algorithm.toLowerCase(Locale.ROOT);
        if (!name.equals(ED25519) && !name.equals(HMAC)) {
            throw new DoppelException(ExitCode.BAD_INPUT, where + ": the signature algorithm must be " + ED25519 + " or "
                    + HMAC + ", not " + algorithm);
        }
        return name;
    }

    private static byte[] secret(String key, String where) {
        if (key == null || key.length() < 16) {
            throw new DoppelException(ExitCode.BAD_INPUT, where + " must have at least 16 characters for " + HMAC
                    + "; generate one with: openssl rand -base64 32");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pem(String text, String label, String where) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text == null ? -1 : text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new DoppelException(ExitCode.BAD_INPUT, where + " must be a PEM text starting with " + begin
                    + "; point it at the file with \"${file:PATH}\"");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new DoppelException(ExitCode.BAD_INPUT, where + " is not valid PEM (bad base64)");
        }
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
