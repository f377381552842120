package dev.doppel.core.verify;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.engine.Workers;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leak verification: reads the target back and proves that no value of a masked column survived
 * masking, and that kept text columns hold no personal data. Tables are verified by {@code jobs}
 * workers, each with its own source and target reader, taking their work from one queue ({@link
 * VerifyWork}): a table is prepared and finished by one worker, and the parts of its target
 * ({@link TableReader#parts}) are read by all at once, so that one big table does not leave the
 * others idle. Memory is bounded: the Bloom filters of all tables being verified share
 * {@value #MEMORY_BYTES} bytes (split among the tables in hand, at most one per worker, then among
 * a table's masked columns),
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
        List<TablePlan> tables = plan.copied();
        int workers = Math.max(1, jobs);
        long filterBytes = (MEMORY_BYTES - (seen == null ? 0 : seen.bytes())) / Math.max(1, Math.min(workers, tables.size()));
        listener.phase("verifying the target: " + tables.size() + " tables against the source, " + workers + " workers");
        Run run = new Run(plan, targetSchema, seen, filterBytes);
        tables.forEach(table -> run.work.add((sourceReader, targetReader) -> run.begin(table, sourceReader, targetReader)));
        Workers.run("doppel-verify", workers, () -> {
            try (TableReader sourceReader = source.openReader(); TableReader targetReader = target.openReader()) {
                run.work.work(sourceReader, targetReader);
            }
        }, "verifying");
        List<ColumnVerdict> ordered = new ArrayList<>(run.verdicts);
        List<String> order = tables.stream().map(t -> t.table().name().toString()).toList();
        ordered.sort(Comparator.comparingInt((ColumnVerdict v) -> order.indexOf(v.table().toString())));
        return new VerifyReport(ordered, run.problems, run.targetValues.get(), (System.nanoTime() - start) / 1e9,
                run.fromCopy.get(), run.readAgain.get());
    }

    /** One verification: what its workers share, and the steps each table goes through. */
    private final class Run {
        final VerifyWork work;
        final List<ColumnVerdict> verdicts = Collections.synchronizedList(new ArrayList<>());
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong targetValues = new AtomicLong();
        final AtomicInteger fromCopy = new AtomicInteger();
        final AtomicInteger readAgain = new AtomicInteger();
        private final Plan plan;
        private final SourceSchema targetSchema;
        private final SourceFilters seen;
        private final Fingerprints fingerprints;
        private final long filterBytes;

        Run(Plan plan, SourceSchema targetSchema, SourceFilters seen, long filterBytes) {
            this.plan = plan;
            this.targetSchema = targetSchema;
            this.seen = seen;
            this.fingerprints = seen == null ? new Fingerprints() : seen.fingerprints();
            this.filterBytes = filterBytes;
            this.work = new VerifyWork(plan.copied().size());
        }

        /**
         * Prepares the table, then puts the reads of its target's parts at the front of the
         * queue; the one that ends last finishes the table. A table with nothing to read on the
         * target is finished at once.
         */
        void begin(TablePlan table, TableReader source, TableReader target) {
            Optional<Table> onTarget = onTarget(plan, targetSchema, table.table().name());
            if (onTarget.isEmpty()) {
                problems.add("cannot verify " + table.table().name() + ": the target has no such table");
                work.tableDone();
                return;
            }
            Optional<SourceFilters.TableFilters> filters = seen == null ? Optional.empty() : seen.take(table.table().name());
            filters.filter(SourceFilters.TableFilters::fingerprinted).ifPresent(f -> fromCopy.incrementAndGet());
            TableVerification verification = new TableVerification(table, onTarget.get(), binder, fingerprints,
                    filters.orElse(null), filterBytes, problems);
            verification.prepare(source);
            List<Chunk> parts = verification.parts(target);
            if (parts.isEmpty()) {
                finish(verification, source);
                return;
            }
            AtomicInteger partsLeft = new AtomicInteger(parts.size());
            work.addFirst(parts.stream().<VerifyWork.Task>map(part -> (partSource, partTarget) -> {
                verification.readTarget(partTarget, part);
                if (partsLeft.decrementAndGet() == 0) {
                    finish(verification, partSource);
                }
            }).toList());
        }

        private void finish(TableVerification verification, TableReader source) {
            List<ColumnVerdict> tableVerdicts = verification.finish(source, allowed);
            if (verification.readAgain()) {
                readAgain.incrementAndGet();
            }
            tableVerdicts.forEach(v -> targetValues.addAndGet(v.values()));
            verdicts.addAll(tableVerdicts);
            work.tableDone();
        }
    }
}
