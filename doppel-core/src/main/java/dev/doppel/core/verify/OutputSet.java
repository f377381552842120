package dev.doppel.core.verify;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The exact set of fingerprints of what the copy wrote to one masked column, gathered as it masks
 * (see {@link SourceFilters}), so that verification can tell at once that a target value is a
 * masked output instead of recomputing every output in a second read of the source. It is exact
 * or it is nothing: past {@code maxEntries} distinct outputs, or when the run's shared {@code
 * budget} has no room for it to grow, it is given up and its memory handed back — a column whose
 * outputs are all distinct (e-mail addresses) does not fit, one drawn from a small range
 * (shifted birth dates, names from a dictionary) does.
 *
 * <p>Workers add in batches ({@link #addAll}), under the set's lock; lookups come after every
 * worker was joined, so they read plainly, as the Bloom filters do. A fingerprint's home slot is
 * its own high bits (fingerprints are keyed hashes, uniform in every bit), in the order of {@link
 * BloomFilter#byRegion}: a batch grouped that way, as adds are here and lookups are by {@link
 * MaskedColumnCheck}, walks a set of megabytes from one end to the other instead of missing the
 * cache at every value.
 */
final class OutputSet {
    private static final int FIRST_SLOTS = 1 << 10;

    private final AtomicLong budget;
    private final int maxEntries;
    private long[] slots;
    private boolean hasZero;
    private int size;
    private volatile boolean abandoned;

    /**
     * @param budget bytes every set of the run may still take, shared; a set takes from it as it
     *     grows and gives back what it held when it is given up
     */
    OutputSet(AtomicLong budget, int maxEntries) {
        this.budget = budget;
        this.maxEntries = maxEntries;
        this.slots = reserve(FIRST_SLOTS) ? new long[FIRST_SLOTS] : null;
        this.abandoned = slots == null;
    }

    /** Whether the set was given up: it then holds nothing and must not be asked. */
    boolean abandoned() {
        return abandoned;
    }

    /**
     * Adds the first {@code count} fingerprints, safe while other threads add theirs, grouped by
     * region first into {@code scratch}, which must hold {@code count}.
     */
    void addAll(long[] fingerprints, int count, long[] scratch) {
        BloomFilter.byRegion(fingerprints, count, scratch);
        addGrouped(scratch, count);
    }

    private synchronized void addGrouped(long[] fingerprints, int count) {
        for (int i = 0; i < count && !abandoned; i++) {
            add(fingerprints[i]);
        }
    }

    private void add(long fingerprint) {
        if (fingerprint == 0) {
            hasZero = true;
            return;
        }
        int slot = find(fingerprint);
        if (slots[slot] == fingerprint) {
            return;
        }
        if (size + 1 > maxEntries) {
            abandon();
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            if (!grow()) {
                abandon();
                return;
            }
            slot = find(fingerprint);
        }
        slots[slot] = fingerprint;
        size++;
    }

    boolean contains(long fingerprint) {
        if (fingerprint == 0) {
            return hasZero;
        }
        return slots[find(fingerprint)] != 0;
    }

    /** What the set holds now, in bytes. */
    long bytes() {
        long[] held = slots;
        return held == null ? 0 : (long) held.length * Long.BYTES;
    }

    int size() {
        return size;
    }

    /** Gives the set up, if it was not already, and hands its memory back to the budget. */
    synchronized void abandon() {
        if (!abandoned) {
            budget.addAndGet(bytes());
            slots = null;
            abandoned = true;
        }
    }

    private boolean grow() {
        int length = slots.length * 2;
        if (!reserve(length)) {
            return false;
        }
        long[] old = slots;
        slots = new long[length];
        budget.addAndGet((long) old.length * Long.BYTES);
        for (long fingerprint : old) {
            if (fingerprint != 0) {
                slots[find(fingerprint)] = fingerprint;
            }
        }
        return true;
    }

    private boolean reserve(int length) {
        long bytes = (long) length * Long.BYTES;
        long left;
        do {
            left = budget.get();
            if (left < bytes) {
                return false;
            }
        } while (!budget.compareAndSet(left, left - bytes));
        return true;
    }

    private int find(long fingerprint) {
        int mask = slots.length - 1;
        int slot = (int) ((fingerprint & Long.MAX_VALUE) >>> (63 - Integer.numberOfTrailingZeros(slots.length)));
        while (slots[slot] != 0 && slots[slot] != fingerprint) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
