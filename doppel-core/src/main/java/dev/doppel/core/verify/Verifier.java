package dev.doppel.core.verify;

import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.engine.Workers;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.ValueTransform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leak verification: reads the target back and proves that no value of a masked column survived
 * masking, and that kept text columns hold no personal data. Tables are verified by up to
 * {@code jobs} workers, each with its own source and target reader, taking tables from a shared
 * queue. Memory is bounded: the Bloom filters of all tables being verified share
 * {@value #MEMORY_BYTES} bytes (split among the workers, then among a table's masked columns),
 * plus the candidates they let through (see {@link MaskedColumnCheck}). Values are decoded one by
 * one, fingerprinted and let go; nothing is written anywhere.
 *
 * <p>A kept text column is scanned in the values the copy wrote to it when the copy saw every row
 * of its table ({@link SourceFilters}), and in the target otherwise. A table with nothing else to
 * read than columns ruled {@code null} has their values that are not NULL counted by the target
 * ({@link TableReader#countNonNull}), which sends no rows.
 */
public final class Verifier {
    /** Memory for the Bloom filters of the tables being verified at one time: 128 MB. */
    static final long MEMORY_BYTES = 128L << 20;

    private final RuleBinder binder;
    private final Set<String> allowed;
    private final CopyListener listener;
    private final int jobs;

    /**
     * @param allowed {@code schema.table.column} of columns whose findings are reported but do not fail
     * @param jobs tables verified at the same time
     */
    public Verifier(RuleBinder binder, Set<String> allowed, CopyListener listener, int jobs) {
        this.binder = binder;
        this.allowed = Set.copyOf(allowed);
        this.listener = listener;
        this.jobs = jobs;
    }

    /**
     * The target's table for a source table: the same qualified name, or — where the engine puts
     * the whole copy in the target's one schema, as MySQL does with its database — the same name
     * in that schema.
     */
    static Optional<Table> onTarget(Plan plan, SourceSchema targetSchema, TableName name) {
        Optional<Table> same = targetSchema.table(name);
        if (same.isPresent()) {
            return same;
        }
        long sourceSchemas = plan.tables().stream().map(t -> t.table().name().schema()).distinct().count();
        List<String> targetSchemas = targetSchema.tables().stream().map(t -> t.name().schema()).distinct().toList();
        if (sourceSchemas == 1 && targetSchemas.size() == 1) {
            return targetSchema.table(new TableName(targetSchemas.get(0), name.name()));
        }
        return Optional.empty();
    }

    /**
     * The filters a copy fills as it masks, so that {@link #verify(Plan, SourceDatabase,
     * SourceDatabase, SourceFilters)} need not read the source a first time; pass them to the copy
     * as its {@link dev.doppel.core.pipeline.CopyObserver}.
     */
    public SourceFilters sourceFilters(Plan plan) {
        return SourceFilters.of(plan, SourceFilters.BUDGET_BYTES);
    }

    /**
     * @param source the source, ideally in the same snapshot the run read
     * @param target the target, opened read-only as a source
     */
    public VerifyReport verify(Plan plan, SourceDatabase source, SourceDatabase target) {
        return verify(plan, source, target, null);
    }

    /**
     * @param seen what the copy learnt of the source as it masked it (from {@link #sourceFilters});
     *     null to read the source for every table
     */
    public VerifyReport verify(Plan plan, SourceDatabase source, SourceDatabase target, SourceFilters seen) {
        return verify(plan, source, target, target.readSchema(), seen);
    }

    /** @param targetSchema the target's schema, read from {@code target} */
    public VerifyReport verify(Plan plan, SourceDatabase source, SourceDatabase target, SourceSchema targetSchema,
                               SourceFilters seen) {
        long start = System.nanoTime();
        List<ColumnVerdict> verdicts = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicLong targetValues = new AtomicLong();
        AtomicInteger fromCopy = new AtomicInteger();
        AtomicInteger readAgain = new AtomicInteger();
        Fingerprints fingerprints = seen == null ? new Fingerprints() : seen.fingerprints();
        List<TablePlan> tables = plan.copied();
        int workers = Math.max(1, Math.min(jobs, tables.size()));
        long filterBytes = (MEMORY_BYTES - (seen == null ? 0 : seen.bytes())) / workers;
        listener.phase("verifying the target: " + tables.size() + " tables against the source, " + workers + " at a time");
        Queue<TablePlan> queue = new ConcurrentLinkedQueue<>(tables);
        Workers.run("doppel-verify", workers, () -> {
            try (TableReader sourceReader = source.openReader(); TableReader targetReader = target.openReader()) {
                for (TablePlan table = queue.poll(); table != null; table = queue.poll()) {
                    Optional<Table> onTarget = onTarget(plan, targetSchema, table.table().name());
                    if (onTarget.isEmpty()) {
                        problems.add("cannot verify " + table.table().name() + ": the target has no such table");
                        continue;
                    }
                    Optional<SourceFilters.TableFilters> filters = seen == null ? Optional.empty()
                            : seen.take(table.table().name());
                    filters.filter(SourceFilters.TableFilters::fingerprinted).ifPresent(f -> fromCopy.incrementAndGet());
                    verifyTable(table, onTarget.get(), sourceReader, targetReader, fingerprints,
                            filters.orElse(null), filterBytes, verdicts, problems, targetValues, readAgain);
                }
            } catch (RuntimeException e) {
                queue.clear();
                throw e;
            }
        }, "verifying");
        List<ColumnVerdict> ordered = new ArrayList<>(verdicts);
        List<String> order = tables.stream().map(t -> t.table().name().toString()).toList();
        ordered.sort(Comparator.comparingInt((ColumnVerdict v) -> order.indexOf(v.table().toString())));
        return new VerifyReport(ordered, problems, targetValues.get(), (System.nanoTime() - start) / 1e9, fromCopy.get(),
                readAgain.get());
    }

    private void verifyTable(TablePlan table, Table onTarget, TableReader sourceReader, TableReader targetReader,
                             Fingerprints fingerprints, SourceFilters.TableFilters seen, long filterBytes,
                             List<ColumnVerdict> verdicts, List<String> problems, AtomicLong total,
                             AtomicInteger readAgain) {
        TableName name = table.table().name();
        List<ColumnPlan> copied = table.copiedColumns();
        ValueTransform[] transforms = binder.bind(table);
        long maskedCount = copied.stream().filter(ColumnPlan::masked).count();
        long bitsEach = maskedCount == 0 ? 0 : filterBytes * 8 / maskedCount;
        long expected = Math.max(table.table().estimatedRows(), 1_000);
        List<MaskedColumnCheck> masked = new ArrayList<>();
        List<MaskedColumnCheck> unseen = new ArrayList<>();
        List<Column> targetColumns = new ArrayList<>();
        List<Object> readers = new ArrayList<>();
        List<Object> checks = new ArrayList<>();
        for (int i = 0; i < copied.size(); i++) {
            ColumnPlan column = copied.get(i);
            boolean isMasked = column.masked() && transforms[i] != null;
            if (!isMasked && !KeptColumnScan.scans(column.column().kind())) {
                continue;
            }
            Optional<Column> targetColumn = onTarget.column(column.column().name());
            if (targetColumn.isEmpty()) {
                problems.add("cannot verify " + name + "." + column.column().name() + ": the target table has no such column");
                continue;
            }
            if (isMasked) {
                boolean nulled = column.nulled();
                BloomFilter filled = nulled ? new BloomFilter(0, 0) : seen == null ? null : seen.filter(i);
                MaskedColumnCheck check = filled != null
                        ? new MaskedColumnCheck(i, column, transforms[i], filled, seen == null ? null : seen.outputs(i),
                                seen == null ? 0 : seen.sameByDesign(i))
                        : new MaskedColumnCheck(i, column, transforms[i], expected, bitsEach);
                masked.add(check);
                if (filled == null) {
                    unseen.add(check);
                }
                targetColumns.add(targetColumn.get());
                readers.add(check);
                checks.add(check);
            } else {
                KeptColumnScan scanned = seen == null ? null : seen.keptScan(i);
                if (scanned == null) {
                    scanned = new KeptColumnScan(column);
                    targetColumns.add(targetColumn.get());
                    readers.add(scanned);
                }
                checks.add(scanned);
            }
        }
        SourceColumns needed = SourceColumns.of(table, binder.references(table),
                masked.stream().filter(c -> !c.column.nulled())
                        .mapToInt(c -> c.sourceIndex).toArray());
        RowFields sourceRow = needed.rowFields(transforms);
        if (!unseen.isEmpty()) {
            sourceReader.read(needed.copy(), (buffer, offset, length) -> {
                sourceRow.split(buffer, offset, length);
                for (MaskedColumnCheck check : unseen) {
                    check.firstSourcePass(sourceRow.source(check.sourceIndex), sourceRow, fingerprints);
                }
            });
        }
        readTarget(onTarget, targetColumns, readers, targetReader, fingerprints);
        masked.forEach(MaskedColumnCheck::targetPassDone);
        List<MaskedColumnCheck> again = masked.stream().filter(MaskedColumnCheck::needsSecondSourcePass).toList();
        if (!again.isEmpty()) {
            readAgain.incrementAndGet();
            sourceReader.read(needed.copy(), (buffer, offset, length) -> {
                sourceRow.split(buffer, offset, length);
                for (MaskedColumnCheck check : again) {
                    check.secondSourcePass(sourceRow.source(check.sourceIndex), sourceRow, fingerprints);
                }
            });
            List<MaskedColumnCheck> outputsToo = again.stream().filter(MaskedColumnCheck::needsOutputPass).toList();
            if (!outputsToo.isEmpty()) {
                sourceReader.read(needed.copy(), (buffer, offset, length) -> {
                    sourceRow.split(buffer, offset, length);
                    for (MaskedColumnCheck check : outputsToo) {
                        check.outputPass(sourceRow.source(check.sourceIndex), sourceRow, fingerprints);
                    }
                });
            }
        }
        for (Object reader : checks) {
            ColumnVerdict verdict = reader instanceof MaskedColumnCheck check
                    ? check.verdict(name, allowed.contains(name + "." + check.column.column().name()))
                    : ((KeptColumnScan) reader).verdict(name, allowed.contains(name + "." + ((KeptColumnScan) reader).column.column().name()));
            verdicts.add(verdict);
            total.addAndGet(verdict.values());
        }
    }

    /**
     * The target pass: each of {@code readers} sees the values of its column in {@code columns}.
     * When every one of them is a column ruled {@code null}, which needs only its count of values
     * that are not NULL, the target counts them and sends no rows.
     */
    private static void readTarget(Table onTarget, List<Column> columns, List<Object> readers, TableReader targetReader,
                                   Fingerprints fingerprints) {
        if (columns.isEmpty()) {
            return;
        }
        TableCopy copy = new TableCopy(onTarget, columns, null);
        if (readers.stream().allMatch(r -> r instanceof MaskedColumnCheck check && check.column.nulled())) {
            long[] counts = targetReader.countNonNull(copy);
            for (int f = 0; f < readers.size(); f++) {
                ((MaskedColumnCheck) readers.get(f)).notNullOnTarget(counts[f]);
            }
            return;
        }
        RowFields targetRow = new RowFields(columns.size(), null);
        targetReader.read(copy, (buffer, offset, length) -> {
            targetRow.split(buffer, offset, length);
            for (int f = 0; f < readers.size(); f++) {
                String value = targetRow.source(f);
                if (readers.get(f) instanceof MaskedColumnCheck check) {
                    check.targetPass(value, fingerprints);
                } else {
                    ((KeptColumnScan) readers.get(f)).accept(value);
                }
            }
        });
    }
}
