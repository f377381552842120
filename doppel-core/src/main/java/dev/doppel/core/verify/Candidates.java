package dev.doppel.core.verify;

/**
 * Target values the Bloom filter says may equal a source value: fingerprint → how many target
 * values had it, and what the exact second source pass learned about it (a source value had it;
 * a masked output had it). An open-addressing table of primitives that grows up to a cap; past the
 * cap it counts what it could not keep, so the result can say "at least".
 *
 * <p>A slot is two adjacent longs, the fingerprint and its state (count, flags and a used bit),
 * so a probe touches one cache line: columns whose outputs are drawn from the same dictionaries as
 * their sources (names, addresses) make nearly every target value a candidate.
 */
final class Candidates {
    static final byte IN_SOURCE = 1;
    static final byte IN_OUTPUT = 2;
    private static final long USED = 1L << 8;
    private static final int COUNT_SHIFT = 9;

    private final int cap;
    private long[] slots = new long[128];
    private int size;
    private long overflow;

    Candidates(int cap) {
        this.cap = cap;
    }

    void increment(long key) {
        int slot = find(key);
        if (slots[slot + 1] != 0) {
            slots[slot + 1] += 1L << COUNT_SHIFT;
            return;
        }
        if (size >= cap) {
            overflow++;
            return;
        }
        if ((size + 1) * 4 > slots.length) {
            grow();
            slot = find(key);
        }
        slots[slot] = key;
        slots[slot + 1] = USED | 1L << COUNT_SHIFT;
        size++;
    }

    boolean contains(long key) {
        return size > 0 && slots[find(key) + 1] != 0;
    }

    void mark(long key, byte flag) {
        int slot = find(key);
        if (slots[slot + 1] != 0) {
            slots[slot + 1] |= flag;
        }
    }

    int size() {
        return size;
    }

    /** Whether the second source pass marked any candidate as a source value. */
    boolean anyInSource() {
        for (int i = 1; i < slots.length; i += 2) {
            if ((slots[i] & IN_SOURCE) != 0) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return size == 0 && overflow == 0;
    }

    /** Target values that equal a source value no masked output explains: the survivors. */
    long leaked() {
        long leaked = 0;
        for (int i = 1; i < slots.length; i += 2) {
            long state = slots[i];
            if ((state & IN_SOURCE) != 0 && (state & IN_OUTPUT) == 0) {
                leaked += state >>> COUNT_SHIFT;
            }
        }
        return leaked;
    }

    /** Target values that could not be checked because the table was full. */
    long overflow() {
        return overflow;
    }

    /** The slot (even index) that holds the key, or the free one where it would go. */
    private int find(long key) {
        int mask = (slots.length >>> 1) - 1;
        int slot = (int) (mix(key) & mask);
        while (slots[2 * slot + 1] != 0 && slots[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        return 2 * slot;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                int slot = find(old[i]);
                slots[slot] = old[i];
                slots[slot + 1] = old[i + 1];
            }
        }
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 29);
    }
}
