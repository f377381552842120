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
 * together hand them batches ({@link #addAll}): a batch is grouped by region of the filter
 * ({@link #byRegion}) and set under the filter's lock, once per batch; random single adds into a
 * filter of many megabytes cost a cache and TLB miss each and took twice as long.
 * Lookups come after every add has finished (the workers were joined), so they read plainly.
 */
final class BloomFilter {
    static final int BITS_PER_VALUE = 32;
    static final int HASHES = 8;
    private static final int REGION_BITS = 8;
    static final int REGIONS = 1 << REGION_BITS;

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
        long first = mix(fingerprint);
        words[line + firstWord(fingerprint)] |= mask(first);
        words[line + secondWord(fingerprint)] |= mask(mix(first));
    }

    /**
     * Adds the first {@code count} fingerprints, safe while other threads add theirs. They are
     * grouped by region first ({@link #byRegion}), into {@code scratch}, which must hold {@code count}.
     */
    void addAll(long[] fingerprints, int count, long[] scratch) {
        byRegion(fingerprints, count, scratch);
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                add(scratch[i]);
            }
        }
    }

    /**
     * Copies the first {@code count} fingerprints into {@code into}, grouped by which of
     * {@value #REGIONS} equal regions of a filter their line falls in (a line grows with the
     * fingerprint's low 63 bits): a counting sort, one pass to count and one to place. Adding or
     * looking up a batch in that order touches one region at a time, a few kilobytes of a filter
     * of many megabytes, instead of a cache line and a page anywhere; a full sort orders no better
     * for the cache and cost as much as the adds.
     */
    static void byRegion(long[] fingerprints, int count, long[] into) {
        int[] starts = new int[REGIONS + 1];
        for (int i = 0; i < count; i++) {
            starts[region(fingerprints[i]) + 1]++;
        }
        for (int r = 0; r < REGIONS; r++) {
            starts[r + 1] += starts[r];
        }
        for (int i = 0; i < count; i++) {
            into[starts[region(fingerprints[i])]++] = fingerprints[i];
        }
    }

    private static int region(long fingerprint) {
        return (int) ((fingerprint & Long.MAX_VALUE) >>> (63 - REGION_BITS));
    }

    boolean mightContain(long fingerprint) {
        int line = line(fingerprint);
        long first = mix(fingerprint);
        long firstMask = mask(first);
        long secondMask = mask(mix(first));
        return (words[line + firstWord(fingerprint)] & firstMask) == firstMask
                && (words[line + secondWord(fingerprint)] & secondMask) == secondMask;
    }

    long bytes() {
        return (long) words.length * 8;
    }

    /**
     * The first word of the value's cache line, from the fingerprint's high bits. Fingerprints are
     * keyed hashes, uniform in every bit, so the line and the words in it can come from disjoint
     * bits of the fingerprint itself and only the bit positions need {@link #mix}.
     */
    private int line(long fingerprint) {
        return (int) Math.multiplyHigh(fingerprint & Long.MAX_VALUE, (long) (words.length >>> 3) << 1) << 3;
    }

    /** The word of the line for the first mask, from the fingerprint's three lowest bits. */
    private static int firstWord(long fingerprint) {
        return (int) (fingerprint & 7);
    }

    /** The line's other word, from the next sixteen bits: never the first one. */
    private static int secondWord(long fingerprint) {
        return (int) ((fingerprint & 7) + 1 + ((fingerprint >>> 3) & 0xffff) % 7 & 7);
    }

    /** {@value #HASHES} bit positions from six bits each of a mixed hash. */
    private static long mask(long mixed) {
        long mask = 0;
        for (int i = 0; i < HASHES; i++) {
            mask |= 1L << (mixed & 63);
            mixed >>>= 6;
        }
        return mask;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
