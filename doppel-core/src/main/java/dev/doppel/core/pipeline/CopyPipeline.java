package dev.doppel.core.pipeline;

import dev.doppel.core.config.TableMode;
import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RunLedger;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.engine.TargetDatabase.ApplyOptions;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a plan: schema first, then the rows of every copied table, then indexes and constraints.
 *
 * <p>Big tables are split into chunks that workers copy in parallel ({@link ChunkWorkers}). When
 * the target can keep a {@link RunLedger}, every chunk commits together with its "done" mark, so
 * that {@code --resume} continues an interrupted run without copying a finished chunk again.
 */
public final class CopyPipeline {
    private final RuleBinder binder;
    private final CopyListener listener;

    public CopyPipeline(RuleBinder binder, CopyListener listener) {
        this.binder = binder;
        this.listener = listener;
    }

    /** @param fingerprint identifies the plan, so that only the same run is ever resumed */
    public RunSummary run(Plan plan, SourceDatabase source, TargetDatabase target, CopyOptions options, String fingerprint) {
        return run(plan, source, target, options, fingerprint, CopyObserver.NONE);
    }

    /**
     * As {@link #run(Plan, SourceDatabase, TargetDatabase, CopyOptions, String)}, letting
     * {@code observer} see every row as it is masked.
     */
    public RunSummary run(Plan plan, SourceDatabase source, TargetDatabase target, CopyOptions options, String fingerprint,
                          CopyObserver observer) {
        return run(plan, source, target, options, fingerprint, observer, null);
    }

    /**
     * As {@link #run(Plan, SourceDatabase, TargetDatabase, CopyOptions, String, CopyObserver)}, then
     * {@code afterLoad} once every row is in the target: on a thread of its own while the indexes
     * and constraints are built where the target allows it ({@link
     * TargetDatabase#readableWhileBuilding()}), after them otherwise. Either way this returns once
     * both are done. When the build fails, its failure is thrown once {@code afterLoad} has ended,
     * with {@code afterLoad}'s own failure, if any, suppressed in it.
     *
     * @param afterLoad null for nothing; the caller releases what it holds once this returns
     */
    public RunSummary run(Plan plan, SourceDatabase source, TargetDatabase target, CopyOptions options, String fingerprint,
                          CopyObserver observer, AfterLoad afterLoad) {
        long start = System.nanoTime();
        RunLedger ledger = target.ledger().orElse(null);
        boolean resuming = options.resume() && prepareResume(ledger, target, fingerprint);
        if (!options.resume()) {
            prepareFresh(ledger, target, options);
        }
        Map<TableName, List<Chunk>> chunks;
        Set<String> finished;
        if (resuming) {
            chunks = ledger.plannedChunks();
            finished = keepFinished(ledger, chunks);
            listener.phase("resuming: " + finished.size() + " finished chunk" + (finished.size() == 1 ? "" : "s") + " kept");
        } else {
            if (ledger != null) {
                ledger.begin(fingerprint);
            }
            List<DdlStatement> pre = plan.ddl(DdlStatement.Phase.PRE_DATA);
            listener.phase("creating schema: " + pre.size() + " statements");
            target.apply(pre, ApplyOptions.SERIAL).forEach(listener::warning);
            chunks = planChunks(plan, source, options.chunkBytes());
            finished = Set.of();
            if (ledger != null) {
                ledger.planChunks(chunks);
                ledger.phase(RunLedger.Phase.DATA);
            }
        }

        observer.planned(chunks, finished);
        int sourceWarnings = source.warnings().size();
        ChunkWorkers.Outcome copied = new ChunkWorkers(binder, listener, options, observer).copy(plan, chunks, finished, source, target);
        List<String> sourceWarned = source.warnings();
        sourceWarned.subList(Math.min(sourceWarnings, sourceWarned.size()), sourceWarned.size()).forEach(listener::warning);
        target.warnings().forEach(listener::warning);

        if (ledger != null) {
            ledger.phase(RunLedger.Phase.CONSTRAINTS);
        }
        List<DdlStatement> post = plan.ddl(DdlStatement.Phase.POST_DATA);
        boolean alongside = afterLoad != null && target.readableWhileBuilding();
        listener.phase("creating indexes, constraints and triggers" + (alongside ? ", " + afterLoad.description() + " alongside"
                : "") + ": " + post.size() + " statements");
        TargetDatabase.AsCopied unchanged = resuming ? TargetDatabase.AsCopied.NONE : source.asRead().and(asCopied(plan));
        ApplyOptions applyOptions = new ApplyOptions(options.jobs(), resuming, unchanged,
                (statement, seconds) -> listener.built(statement.object(), seconds));
        try (Background background = alongside ? Background.start(afterLoad) : null) {
            try {
                target.apply(post, applyOptions).forEach(listener::warning);
            } catch (RuntimeException | Error e) {
                if (background != null) {
                    background.awaitAfter(e);
                }
                throw e;
            }
            if (ledger != null) {
                ledger.end();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (background != null) {
                background.await();
            } else if (afterLoad != null) {
                afterLoad.prepare();
                afterLoad.run();
            }
            List<TableProgress> tables = copied.tables();
            long rows = tables.stream().mapToLong(TableProgress::rows).sum();
            long bytes = tables.stream().mapToLong(TableProgress::bytes).sum();
            int schemaOnly = (int) plan.tables().stream().filter(t -> t.mode() == TableMode.SCHEMA_ONLY).count();
            return new RunSummary(plan.copied().size(), schemaOnly, rows, bytes, plan.maskedColumns(), seconds, tables,
                    finished.size(), copied.retries());
        }
    }

    /** Work that needs every row in the target but none of its indexes: leak verification. */
    public interface AfterLoad {
        /** What it does, for the progress line ("verifying the target"). */
        String description();

        /**
         * Called on the run's thread before {@link #run()}; when the work runs alongside the
         * builds, before the first of them, so that it may read the target's catalog while
         * nothing changes it.
         */
        default void prepare() {}

        void run();
    }

    /** {@link AfterLoad} on a thread of its own, while the indexes are built. */
    private static final class Background implements AutoCloseable {
        private final ExecutorService thread;
        private final Future<?> work;

        private Background(ExecutorService thread, Future<?> work) {
            this.thread = thread;
            this.work = work;
        }

        static Background start(AfterLoad afterLoad) {
            afterLoad.prepare();
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "doppel-after-load");
                t.setDaemon(true);
                return t;
            });
            return new Background(thread, thread.submit(afterLoad::run));
        }

        void await() {
            try {
                work.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DoppelException(ExitCode.RUN_FAILED, "Interrupted while waiting for the work done after the load", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new DoppelException(ExitCode.INTERNAL, "The work done after the load failed unexpectedly", e.getCause());
            }
        }

        /** Waits for the work, which may still use the target, before {@code failure} is thrown. */
        void awaitAfter(Throwable failure) {
            try {
                await();
            } catch (RuntimeException | Error e) {
                failure.addSuppressed(e);
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    /** Columns without a rule, of tables copied whole. */
    private static TargetDatabase.AsCopied asCopied(Plan plan) {
        Map<TableName, TablePlan> tables = new HashMap<>();
        plan.tables().forEach(t -> tables.put(t.table().name(), t));
        return (name, columns) -> {
            TablePlan table = tables.get(name);
            return table != null && table.mode() == TableMode.COPY && table.where() == null && columns.stream()
                    .allMatch(c -> table.columns().stream().anyMatch(p -> p.column().name().equals(c) && !p.masked()));
        };
    }

    /** @return true when data was already being copied; false when the run must start over */
    private boolean prepareResume(RunLedger ledger, TargetDatabase target, String fingerprint) {
        if (ledger == null) {
            throw new DoppelException(ExitCode.BAD_INPUT, "This target's engine cannot resume a run; run without --resume");
        }
        String unfinished = ledger.unfinishedRun().orElseThrow(() -> new DoppelException(ExitCode.BAD_INPUT,
                "The target holds no unfinished run to resume; run without --resume"));
        if (!unfinished.equals(fingerprint)) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The unfinished run in the target was made with another config,"
                    + " key, source schema or build of doppel, so it cannot be resumed; start over with --replace");
        }
        if (ledger.phase() == RunLedger.Phase.SCHEMA) {
            listener.phase("the interrupted run had not finished creating the schema: starting over");
            target.clear();
            return false;
        }
        return true;
    }

    private void prepareFresh(RunLedger ledger, TargetDatabase target, CopyOptions options) {
        boolean unfinished = ledger != null && ledger.unfinishedRun().isPresent();
        List<String> existing = target.existingObjects(5);
        if (unfinished || !existing.isEmpty()) {
            if (!options.replace()) {
                throw new DoppelException(ExitCode.BAD_INPUT, unfinished
                        ? "The target holds an unfinished run; nothing was written. Continue it with --resume, or start"
                                + " over with --replace."
                        : "The target is not empty (it holds " + String.join(", ", existing)
                                + (existing.size() == 5 ? ", …" : "") + "); nothing was written. Point target at an empty"
                                + " database, or pass --replace to drop what it holds first.");
            }
            listener.phase("clearing the target (--replace)");
            target.clear();
        }
    }

    /** Drops the finished marks of tables whose chunks are not stable; those tables are copied again whole. */
    private Set<String> keepFinished(RunLedger ledger, Map<TableName, List<Chunk>> chunks) {
        Set<String> finished = new HashSet<>(ledger.finishedChunks());
        chunks.forEach((table, list) -> {
            boolean anyFinished = list.stream().anyMatch(c -> finished.contains(RunLedger.chunkId(table, c)));
            boolean allFinished = list.stream().allMatch(c -> finished.contains(RunLedger.chunkId(table, c)));
            if (anyFinished && !allFinished && list.stream().anyMatch(c -> !c.stable())) {
                listener.warning(table + " is split by physical position, which can change between runs: copying it again whole");
                ledger.restartTable(table);
                list.forEach(c -> finished.remove(RunLedger.chunkId(table, c)));
            }
        });
        return finished;
    }

    private Map<TableName, List<Chunk>> planChunks(Plan plan, SourceDatabase source, long chunkBytes) {
        List<TablePlan> tables = new ArrayList<>(plan.copied());
        tables.sort(Comparator.comparingLong((TablePlan t) -> Math.max(t.table().estimatedBytes(), t.table().estimatedRows()))
                .reversed());
        Map<TableName, List<Chunk>> chunks = new LinkedHashMap<>();
        for (TablePlan table : tables) {
            chunks.put(table.table().name(), List.copyOf(source.chunks(table.table(), chunkBytes)));
        }
        return chunks;
    }
}
