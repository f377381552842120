package dev.doppel.core.verify;

import java.security.SecureRandom;

/**
 * 64-bit keyed fingerprints of values: SipHash-1-3 of the value's UTF-16LE form under a key drawn
 * at random for one verification and never stored, so the fingerprints it leaves in memory cannot
 * be checked against guessed values by anyone, even with the masking key. SipHash is a keyed
 * function built for short inputs; the 1-3 variant (one round per block, three to finish, as
 * Rust's hash tables use) is fast enough to fingerprint every value of a large table as the copy
 * passes it. At 64 bits, two different values share a fingerprint with probability about 2^-64
 * per pair. Immutable and thread-safe.
 */
final class Fingerprints {
    private final long k0;
    private final long k1;

    Fingerprints() {
        SecureRandom random = new SecureRandom();
        this.k0 = random.nextLong();
        this.k1 = random.nextLong();
    }

    Fingerprints(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /**
     * Read straight from the characters, four to a block: nothing is allocated per value (encoding
     * to bytes first measured a third slower).
     */
    long of(String value) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        int length = value.length();
        int end = length - (length % 4);
        for (int i = 0; i <= end; i += 4) {
            long m;
            if (i < end) {
                m = value.charAt(i) | (long) value.charAt(i + 1) << 16 | (long) value.charAt(i + 2) << 32
                        | (long) value.charAt(i + 3) << 48;
            } else {
                m = (long) (length * 2) << 56;
                for (int j = end, shift = 0; j < length; j++, shift += 16) {
                    m |= (long) value.charAt(j) << shift;
                }
            }
            v3 ^= m;
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 3; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
