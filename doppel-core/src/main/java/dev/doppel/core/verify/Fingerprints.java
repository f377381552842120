package dev.doppel.core.verify;

import java.security.SecureRandom;

/**
 * 64-bit keyed fingerprints of values: SipHash-2-4 under a key drawn at random for one
 * verification and never stored, so the fingerprints it leaves in memory cannot be checked
 * against guessed values by anyone, even with the masking key. SipHash is a keyed function built
 * for short inputs and is fast enough to fingerprint every value of a large table; at 64 bits, two
 * different values share a fingerprint with probability about 2^-64 per pair, and a false match
 * would only ever overcount a leak, never hide one. Immutable and thread-safe.
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
     * The SipHash-2-4 of the value's UTF-16LE form, read straight from its characters: nothing is
     * allocated per value.
     */
    long of(String value) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        int length = value.length();
        int end = length - (length % 4);
        for (int i = 0; i < end; i += 4) {
            long m = value.charAt(i) | (long) value.charAt(i + 1) << 16 | (long) value.charAt(i + 2) << 32
                    | (long) value.charAt(i + 3) << 48;
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        long last = (long) (length * 2) << 56;
        for (int i = end, shift = 0; i < length; i++, shift += 16) {
            last |= (long) value.charAt(i) << shift;
        }
        v3 ^= last;
        for (int r = 0; r < 2; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= last;
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
