package dev.doppel.core.transform;

/**
 * SipHash-2-4 (Aumasson and Bernstein), a keyed pseudo-random function with a 128-bit key: the
 * round function of doppel's format-preserving permutations, where one HMAC-SHA256 per Feistel
 * round would be ten times slower. Its key is derived from a domain's HMAC sub-key (see
 * {@link KeyedHash#prf()}), never from the master key directly. Immutable and thread-safe.
 */
public final class SipHash {
    private final long k0;
    private final long k1;

    /** @param key 16 bytes, read little-endian as in the reference implementation */
    public SipHash(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("SipHash needs a 16-byte key");
        }
        this.k0 = littleEndian(key, 0, 8);
        this.k1 = littleEndian(key, 8, 8);
    }

    /** The 64-bit SipHash-2-4 of {@code data}. */
    public long hash(byte[] data) {
        State s = new State(k0, k1);
        int words = data.length / 8;
        for (int i = 0; i < words; i++) {
            s.compress(littleEndian(data, i * 8, 8));
        }
        long last = ((long) data.length) << 56;
        last |= littleEndian(data, words * 8, data.length - words * 8);
        return s.finish(last);
    }

    /** The SipHash-2-4 of the 24 bytes {@code a, b, c} (little-endian), without allocating. */
    public long hash(long a, long b, long c) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        // three message words, then the length block (24 << 56); rounds unrolled by hand below
        long m = a;
        for (int i = 0; i < 4; i++) {
            if (i == 1) {
                m = b;
            } else if (i == 2) {
                m = c;
            } else if (i == 3) {
                m = 24L << 56;
            }
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long littleEndian(byte[] bytes, int offset, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    private static final class State {
        long v0;
        long v1;
        long v2;
        long v3;

        State(long k0, long k1) {
            v0 = k0 ^ 0x736f6d6570736575L;
            v1 = k1 ^ 0x646f72616e646f6dL;
            v2 = k0 ^ 0x6c7967656e657261L;
            v3 = k1 ^ 0x7465646279746573L;
        }

        void compress(long m) {
            v3 ^= m;
            round();
            round();
            v0 ^= m;
        }

        long finish(long last) {
            compress(last);
            v2 ^= 0xff;
            round();
            round();
            round();
            round();
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private void round() {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
    }
}
