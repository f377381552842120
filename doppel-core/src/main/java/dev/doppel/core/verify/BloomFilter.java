package dev.doppel.core.verify;

/**
 * A Bloom filter of 64-bit fingerprints, of a size fixed up front: the bounded-memory set of a
 * column's source values. It may say "maybe" for a value that is not there (which only costs a
 * second look), never "no" for one that is.
 *
 * <p>Blocked (Putze, Sanders and Singler): a value's bits all fall in one 512-bit block, one cache
 * line, so that adding or looking up a value costs one memory access, not one per bit; the price,
 * a slightly higher false-positive rate at equal size, is paid with more bits per value.
 *
 * <p>{@link #add} is for a filter one thread fills. Copy workers that fill one table's filter
 * together hand it batches ({@link #addAll}), which take the filter's lock once per batch instead
 * of an atomic operation per bit. Lookups come after every add has finished (the workers were
 * joined), so they read plainly.
 */
final class BloomFilter {
    private static final int BLOCK_WORDS = 8;
    private static final int BITS_PER_VALUE = 24;

    private final long[] bits;
    private final long blocks;
    private final int hashes;

    /** @param expected values expected; @param maxBits the most bits it may use */
    BloomFilter(long expected, long maxBits) {
        long values = Math.max(1024, expected);
        long bitCount = Math.max(512, Math.min(values * BITS_PER_VALUE, maxBits));
        long blockCount = Math.min((Integer.MAX_VALUE - 8) / BLOCK_WORDS, Math.max(1, bitCount / 512));
        this.bits = new long[(int) blockCount * BLOCK_WORDS];
        this.blocks = blockCount;
        double perValue = (double) blockCount * 512 / values;
        this.hashes = (int) Math.max(1, Math.min(10, Math.round(perValue * Math.log(2) * 0.5)));
    }

    /** The size a filter for {@code expected} values takes when nothing caps it. */
    static long wantedBytes(long expected) {
        return Math.max(1024, expected) * BITS_PER_VALUE / 8;
    }

    void add(long fingerprint) {
        int base = block(fingerprint);
        long h = mix(fingerprint);
        long h2 = mix(h) | 1;
        for (int i = 0; i < hashes; i++) {
            int bit = (int) ((h >>> 55) & 511);
            bits[base + (bit >>> 6)] |= 1L << (bit & 63);
            h += h2;
        }
    }

    /** Adds the first {@code count} fingerprints; safe while other threads add theirs. */
    synchronized void addAll(long[] fingerprints, int count) {
        for (int i = 0; i < count; i++) {
            add(fingerprints[i]);
        }
    }

    boolean mightContain(long fingerprint) {
        int base = block(fingerprint);
        long h = mix(fingerprint);
        long h2 = mix(h) | 1;
        for (int i = 0; i < hashes; i++) {
            int bit = (int) ((h >>> 55) & 511);
            if ((bits[base + (bit >>> 6)] & (1L << (bit & 63))) == 0) {
                return false;
            }
            h += h2;
        }
        return true;
    }

    long bytes() {
        return (long) bits.length * 8;
    }

    private int block(long fingerprint) {
        return (int) Math.multiplyHigh(fingerprint & Long.MAX_VALUE, blocks << 1) * BLOCK_WORDS;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
