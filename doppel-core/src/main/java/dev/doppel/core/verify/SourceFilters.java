package dev.doppel.core.verify;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RunLedger;
import dev.doppel.core.pipeline.CopyObserver;
import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.text.RowFormat;
import dev.doppel.core.transform.RowValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

/**
 * The first pass of leak verification, taken while the copy masks the source, so that the source
 * is not read again for it, and the scan of kept text columns, so that the target is not read for
 * them: for each masked column (but those ruled {@code null}, which must
 * simply hold nothing but NULL), the fingerprint of every source value its rule
 * changes goes into the column's Bloom filter, and values the rule maps to themselves are counted
 * (see {@link MaskedColumnCheck}); and the fingerprint of every value the copy writes goes into the
 * column's {@link OutputSet}, while it fits, so that verification knows which target values are
 * masked outputs without computing them again; and each kept text or JSON column is scanned for
 * personal data ({@link KeptColumnScan}) in the values the copy writes to it. Tables take filters
 * largest first while {@code budget} bytes last; the others are read from the source by {@link
 * Verifier} as before. A scan takes a few counters and is not counted against the budget. A table
 * whose rows this copy did not all see (a resumed run kept some of its chunks) has neither: its
 * source and its target are read instead.
 *
 * <p>Workers add to one table's filters at once, in batches ({@link BloomFilter#addAll}). A chunk
 * attempt that fails and is tried again adds its values twice: harmless for a filter, which is a
 * set; the same-by-design counts and the kept columns' scans are added only when an attempt
 * commits, so that they count each row once.
 */
public final class SourceFilters implements CopyObserver {
    /** How much the filters of one run may take: 64 MB, half of verification's budget. */
    public static final long BUDGET_BYTES = 64L << 20;
    /** What the exact output sets of one run may take together: 16 MB, besides the filters. */
    static final long OUTPUT_BUDGET_BYTES = 16L << 20;
    /** The most distinct outputs one column's set keeps: 256 Ki, in at most 4 MB. */
    static final int MAX_OUTPUTS = 1 << 18;

    private final Fingerprints fingerprints = new Fingerprints();
    private final Map<TableName, TableFilters> tables = new ConcurrentHashMap<>();
    private final long bytes;

    private SourceFilters(List<TableFilters> filters) {
        filters.forEach(f -> tables.put(f.name, f));
        this.bytes = filters.stream().mapToLong(TableFilters::bytes).sum()
                + (filters.stream().anyMatch(TableFilters::fingerprinted) ? OUTPUT_BUDGET_BYTES : 0);
    }

    /**
     * Filters for the masked columns of the plan's copied tables, largest tables first, within
     * {@code budget} bytes, and scans of their kept text columns.
     */
    public static SourceFilters of(Plan plan, long budget) {
        List<TablePlan> candidates = new ArrayList<>(plan.copied().stream()
                .filter(t -> maskedColumns(t).length > 0 || keptColumns(t).length > 0).toList());
        candidates.sort(Comparator.comparingLong((TablePlan t) -> t.table().estimatedRows()).reversed());
        List<TableFilters> chosen = new ArrayList<>();
        long left = budget;
        AtomicLong outputBudget = new AtomicLong(OUTPUT_BUDGET_BYTES);
        for (TablePlan table : candidates) {
            int[] columns = maskedColumns(table);
            long expected = expectedValues(table);
            long need = columns.length * BloomFilter.wantedBytes(expected);
            if (need <= left) {
                left -= need;
            } else {
                columns = new int[0];
            }
            if (columns.length > 0 || keptColumns(table).length > 0) {
                chosen.add(new TableFilters(table, columns, expected, outputBudget));
            }
        }
        return new SourceFilters(chosen);
    }

    static long expectedValues(TablePlan table) {
        return Math.max(table.table().estimatedRows(), 1_000);
    }

    private static int[] maskedColumns(TablePlan table) {
        List<ColumnPlan> copied = table.copiedColumns();
        return IntStream.range(0, copied.size()).filter(i -> copied.get(i).masked() && !copied.get(i).nulled()).toArray();
    }

    /** The copied columns without a masking rule whose values {@link KeptColumnScan} looks at. */
    private static int[] keptColumns(TablePlan table) {
        List<ColumnPlan> copied = table.copiedColumns();
        return IntStream.range(0, copied.size())
                .filter(i -> !copied.get(i).masked() && KeptColumnScan.scans(copied.get(i).column().kind())).toArray();
    }

    /** The memory the filters and the output sets may take. */
    public long bytes() {
        return bytes;
    }

    Fingerprints fingerprints() {
        return fingerprints;
    }

    @Override
    public void planned(Map<TableName, List<Chunk>> chunks, Set<String> skipped) {
        tables.values().removeIf(table -> {
            List<Chunk> list = chunks.get(table.name);
            if (list == null || list.stream().anyMatch(c -> skipped.contains(RunLedger.chunkId(table.name, c)))) {
                return true;
            }
            table.expectedChunks = list.size();
            return false;
        });
    }

    @Override
    public ChunkObserver chunk(TablePlan table, Chunk chunk) {
        TableFilters filters = tables.get(table.table().name());
        return filters == null ? null : filters.new Attempt(fingerprints);
    }

    /** The filters of a table whose every row this copy saw, to be used once and let go. */
    Optional<TableFilters> take(TableName table) {
        TableFilters filters = tables.remove(table);
        return filters != null && filters.complete() ? Optional.of(filters) : Optional.empty();
    }

    /** One table's filters and kept columns' scans, by the index of the column among the copied columns. */
    static final class TableFilters {
        final TableName name;
        private final int[] columns;
        private final BloomFilter[] filters;
        private final OutputSet[] outputs;
        private final AtomicLongArray sameByDesign;
        private final int[] keptColumns;
        private final List<ColumnPlan> keptPlans;
        private final KeptColumnScan[] keptScans;
        /** Kept columns whose values the copy's row form could not decode: the target is scanned for them instead. */
        private final AtomicIntegerArray undecoded;
        private final AtomicInteger committed = new AtomicInteger();
        private volatile int expectedChunks = -1;

        /** @param columns the masked columns to fingerprint; none when the table's filters did not fit */
        TableFilters(TablePlan table, int[] columns, long expected, AtomicLong outputBudget) {
            this.name = table.table().name();
            this.columns = columns;
            this.keptColumns = keptColumns(table);
            this.keptPlans = IntStream.of(keptColumns).mapToObj(i -> table.copiedColumns().get(i)).toList();
            this.keptScans = keptPlans.stream().map(KeptColumnScan::new).toArray(KeptColumnScan[]::new);
            this.undecoded = new AtomicIntegerArray(keptColumns.length);
            this.filters = new BloomFilter[columns.length];
            this.outputs = new OutputSet[columns.length];
            for (int i = 0; i < columns.length; i++) {
                filters[i] = new BloomFilter(expected, Long.MAX_VALUE);
                outputs[i] = new OutputSet(outputBudget, MAX_OUTPUTS);
            }
            this.sameByDesign = new AtomicLongArray(columns.length);
        }

        boolean complete() {
            return expectedChunks >= 0 && committed.get() == expectedChunks;
        }

        /** Whether the copy fingerprinted any of the table's masked columns. */
        boolean fingerprinted() {
            return columns.length > 0;
        }

        /**
         * The scan of every value the copy wrote to the kept copied column {@code index}, or null
         * when it is not a scanned kept column or the copy could not decode its values. Only for a
         * {@link #complete} table.
         */
        KeptColumnScan keptScan(int index) {
            for (int i = 0; i < keptColumns.length; i++) {
                if (keptColumns[i] == index) {
                    return undecoded.get(i) == 0 ? keptScans[i] : null;
                }
            }
            return null;
        }

        private synchronized void addScans(KeptColumnScan[] scans) {
            for (int i = 0; i < scans.length; i++) {
                keptScans[i].add(scans[i]);
            }
        }

        long bytes() {
            long total = 0;
            for (BloomFilter filter : filters) {
                total += filter.bytes();
            }
            return total;
        }

        /** The filter of the copied column {@code index}, or null when it was not masked. */
        BloomFilter filter(int index) {
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] == index) {
                    return filters[i];
                }
            }
            return null;
        }

        /**
         * Every output the copy wrote to the copied column {@code index}, or null when it was not
         * masked or they did not fit. Only for a {@link #complete} table.
         */
        OutputSet outputs(int index) {
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] == index) {
                    return outputs[i].abandoned() ? null : outputs[i];
                }
            }
            return null;
        }

        long sameByDesign(int index) {
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] == index) {
                    return sameByDesign.get(i);
                }
            }
            return 0;
        }

        /**
         * One worker's attempt at one chunk: fingerprints are gathered per column and handed to the
         * shared filter and output set in batches ({@link BloomFilter#addAll}). The outputs are the
         * values the copy writes, already computed for it ({@link RowValues#masked}); NULL and
         * empty source values are left out of both, as the second source pass leaves them out.
         */
        final class Attempt implements ChunkObserver {
            private static final int BATCH = 16384;

            private final long[] same = new long[columns.length];
            private final long[][] pending = new long[columns.length][BATCH];
            private final long[][] pendingOutputs = new long[columns.length][BATCH];
            private final long[] grouped = new long[BATCH];
            private final int[] counts = new int[columns.length];
            private final int[] outputCounts = new int[columns.length];
            private final KeptColumnScan[] scans = keptPlans.stream().map(KeptColumnScan::new).toArray(KeptColumnScan[]::new);
            private final Fingerprints fingerprints;

            Attempt(Fingerprints fingerprints) {
                this.fingerprints = fingerprints;
            }

            @Override
            public void row(RowValues row) {
                for (int i = 0; i < keptColumns.length; i++) {
                    if (undecoded.get(i) == 0) {
                        scan(i, row);
                    }
                }
                for (int i = 0; i < columns.length; i++) {
                    String value = row.source(columns[i]);
                    if (value == null || value.isEmpty()) {
                        continue;
                    }
                    String output = row.masked(columns[i]);
                    boolean kept = value.equals(output);
                    long fingerprint = fingerprints.of(value);
                    if (output != null && !outputs[i].abandoned()) {
                        pendingOutputs[i][outputCounts[i]++] = kept ? fingerprint : fingerprints.of(output);
                        if (outputCounts[i] == BATCH) {
                            flushOutputs(i);
                        }
                    }
                    if (kept) {
                        same[i]++;
                        continue;
                    }
                    pending[i][counts[i]++] = fingerprint;
                    if (counts[i] == BATCH) {
                        flush(i);
                    }
                }
            }

            /** A value the row's form cannot decode (a binary COPY field of a type doppel does not decode) leaves the column to the target's scan. */
            private void scan(int kept, RowValues row) {
                String value;
                try {
                    value = row.masked(keptColumns[kept]);
                } catch (RowFormat.TextNeeded e) {
                    undecoded.set(kept, 1);
                    return;
                }
                scans[kept].accept(value);
            }

            private void flush(int column) {
                filters[column].addAll(pending[column], counts[column], grouped);
                counts[column] = 0;
            }

            private void flushOutputs(int column) {
                outputs[column].addAll(pendingOutputs[column], outputCounts[column], grouped);
                outputCounts[column] = 0;
            }

            @Override
            public void committed() {
                for (int i = 0; i < columns.length; i++) {
                    flush(i);
                    flushOutputs(i);
                    sameByDesign.addAndGet(i, same[i]);
                }
                addScans(scans);
                committed.incrementAndGet();
            }
        }
    }
}
