package dev.doppel.core.transform.support;

import dev.doppel.core.transform.KeyedHash;

/**
 * Permutes the digits of a value after a kept prefix, leaving every other character where it
 * is: the shared core of {@code phone} and {@code postal_code}. The permutation is tweaked by the
 * digit count and the kept digits, so equal suffixes under different prefixes do not map alike,
 * and it stays one-to-one: two values that differ keep differing. One instance per bound
 * transform.
 */
public final class DigitMasker {
    private final FormatCipher cipher;
    private final Shape shape = new Shape(false);

    public DigitMasker(KeyedHash hash) {
        this.cipher = new FormatCipher(hash.prf());
    }

    /** Loads {@code value}; returns its digit count. Call {@link #mask} next. */
    public int load(String value) {
        return shape.load(value);
    }

    /** The loaded value with its digits after the first {@code keep} permuted. */
    public String mask(int keep) {
        int n = shape.count();
        int k = Math.max(0, Math.min(keep, n));
        long tweak = cipher.tweak(((long) n << 8) | k, shape.number(0, Math.min(k, 18)));
        shape.encrypt(cipher, k, n, tweak);
        return shape.text();
    }

    /** The digits of the loaded value, for callers that decide how many to keep. */
    public Shape shape() {
        return shape;
    }
}
