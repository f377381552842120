package dev.doppel.core.verify;

/**
 * A Bloom filter of 64-bit fingerprints, of a size fixed up front: the bounded-memory set of a
 * column's source values. It may say "maybe" for a value that is not there (which only costs a
 * second look), never "no" for one that is.
 *
 * <p>Blocked: a value's bits fall in two 64-bit words of one 64-byte cache line, {@value #HASHES}
 * in each, so adding or looking up a value is one memory access. At {@value #BITS_PER_VALUE}
 * bits a value, about three lookups in 100,000 of a value that is not there say "maybe" (one word
 * alone would say it one time in 3,000; every false "maybe" makes verification read the column's
 * source again).
 *
 * <p>{@link #add} is for a filter one thread fills. Copy workers that fill one table's filters
 * together hand them batches ({@link #addAll}): a batch is sorted, so that its values are set in
 * the order of their cache lines, and set under the filter's lock, once per batch; random single
 * adds into a filter of many megabytes cost a cache and TLB miss each and took twice as long.
 * Lookups come after every add has finished (the workers were joined), so they read plainly.
 */
final class BloomFilter {
    static final int BITS_PER_VALUE = 32;
    static final int HASHES = 8;

    private final long[] words;

    /** @param expected values expected; @param maxBits the most bits it may use */
    BloomFilter(long expected, long maxBits) {
        long bitCount = Math.max(512, Math.min(Math.max(1024, expected) * BITS_PER_VALUE, maxBits));
        this.words = new long[(int) Math.min(Integer.MAX_VALUE - 8, bitCount / 512 * 8)];
    }

    /** The size a filter for {@code expected} values takes when nothing caps it. */
    static long wantedBytes(long expected) {
        return Math.max(1024, expected) * BITS_PER_VALUE / 8;
    }

    void add(long fingerprint) {
        int line = line(fingerprint);
        long h = mix(fingerprint);
        long g = mix(h);
        words[line + (int) (g & 7)] |= mask(h);
        words[line + secondWord(g)] |= mask(mix(g));
    }

    /**
     * Adds the first {@code count} fingerprints, safe while other threads add theirs. Reorders
     * them in place (a value's line grows with its fingerprint's low 63 bits).
     */
    void addAll(long[] fingerprints, int count) {
        java.util.Arrays.sort(fingerprints, 0, count);
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                add(fingerprints[i]);
            }
        }
    }

    boolean mightContain(long fingerprint) {
        int line = line(fingerprint);
        long h = mix(fingerprint);
        long g = mix(h);
        long first = mask(h);
        long second = mask(mix(g));
        return (words[line + (int) (g & 7)] & first) == first && (words[line + secondWord(g)] & second) == second;
    }

    long bytes() {
        return (long) words.length * 8;
    }

    /** The first word of the value's cache line. */
    private int line(long fingerprint) {
        return (int) Math.multiplyHigh(fingerprint & Long.MAX_VALUE, (long) (words.length >>> 3) << 1) << 3;
    }

    /** The line's other word for a value whose first is {@code g & 7}: never the same one. */
    private static int secondWord(long g) {
        return (int) ((g & 7) + 1 + ((g >>> 3) & 0xffff) % 7 & 7);
    }

    /** {@value #HASHES} bit positions from six bits each of a second, independent hash. */
    private static long mask(long fingerprint) {
        long h = mix(fingerprint);
        long mask = 0;
        for (int i = 0; i < HASHES; i++) {
            mask |= 1L << (h & 63);
            h >>>= 6;
        }
        return mask;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
