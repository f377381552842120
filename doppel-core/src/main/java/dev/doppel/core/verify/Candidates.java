package dev.doppel.core.verify;

/**
 * Target values the Bloom filter says may equal a source value: fingerprint → how many target
 * values had it, and what the exact second source pass learned about it (a source value had it;
 * a masked output had it). An open-addressing table of primitives that grows up to a cap; past the
 * cap it counts what it could not keep, so the result can say "at least".
 */
final class Candidates {
    static final byte IN_SOURCE = 1;
    static final byte IN_OUTPUT = 2;

    private final int cap;
    private long[] keys = new long[64];
    private int[] counts = new int[64];
    private byte[] flags = new byte[64];
    private boolean[] used = new boolean[64];
    private int size;
    private long overflow;

    Candidates(int cap) {
        this.cap = cap;
    }

    void increment(long key) {
        int slot = find(key);
        if (used[slot]) {
            counts[slot]++;
            return;
        }
        if (size >= cap) {
            overflow++;
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
            slot = find(key);
        }
        used[slot] = true;
        keys[slot] = key;
        counts[slot] = 1;
        size++;
    }

    boolean contains(long key) {
        return size > 0 && used[find(key)];
    }

    void mark(long key, byte flag) {
        int slot = find(key);
        if (used[slot]) {
            flags[slot] |= flag;
        }
    }

    boolean isEmpty() {
        return size == 0 && overflow == 0;
    }

    /** Target values that equal a source value no masked output explains: the survivors. */
    long leaked() {
        long leaked = 0;
        for (int i = 0; i < keys.length; i++) {
            if (used[i] && (flags[i] & IN_SOURCE) != 0 && (flags[i] & IN_OUTPUT) == 0) {
                leaked += counts[i];
            }
        }
        return leaked;
    }

    /** Target values that could not be checked because the table was full. */
    long overflow() {
        return overflow;
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (used[slot] && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        byte[] oldFlags = flags;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        counts = new int[keys.length];
        flags = new byte[keys.length];
        used = new boolean[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                int slot = find(oldKeys[i]);
                used[slot] = true;
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
                flags[slot] = oldFlags[i];
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 29);
    }
}
