package dev.doppel.core.verify;

/**
 * A Bloom filter of 64-bit fingerprints, of a size fixed up front: the bounded-memory set of a
 * column's source values. It may say "maybe" for a value that is not there (which only costs a
 * second look), never "no" for one that is.
 */
final class BloomFilter {
    private final long[] bits;
    private final long size;
    private final int hashes;

    /** @param expected values expected; @param maxBits the most bits it may use */
    BloomFilter(long expected, long maxBits) {
        long wanted = Math.max(1024, expected) * 20;
        long bitCount = Math.max(1024, Math.min(wanted, maxBits));
        this.bits = new long[(int) Math.min(Integer.MAX_VALUE - 8, (bitCount + 63) / 64)];
        this.size = (long) bits.length * 64;
        double perValue = (double) size / Math.max(1024, expected);
        this.hashes = (int) Math.max(1, Math.min(16, Math.round(perValue * Math.log(2))));
    }

    void add(long fingerprint) {
        long h1 = fingerprint;
        long h2 = mix(fingerprint) | 1;
        for (int i = 0; i < hashes; i++) {
            long bit = Math.floorMod(h1 + i * h2, size);
            bits[(int) (bit >>> 6)] |= 1L << (bit & 63);
        }
    }

    boolean mightContain(long fingerprint) {
        long h1 = fingerprint;
        long h2 = mix(fingerprint) | 1;
        for (int i = 0; i < hashes; i++) {
            long bit = Math.floorMod(h1 + i * h2, size);
            if ((bits[(int) (bit >>> 6)] & (1L << (bit & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    long bytes() {
        return (long) bits.length * 8;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
