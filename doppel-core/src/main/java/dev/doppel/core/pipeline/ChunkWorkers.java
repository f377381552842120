package dev.doppel.core.pipeline;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RunLedger;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.engine.Workers;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.text.RowFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Copies chunks with {@code jobs} workers.
 *
 * <p>Each worker owns one reader (a source connection in the shared snapshot) and one writer, and
 * takes chunks from one queue that holds the largest tables first, so that the workers share big
 * tables instead of waiting on one. A chunk that fails with a transient error is tried again on
 * fresh connections after a growing pause (a source may hand an intact reader out again, so
 * that the retry reads in the same snapshot); a permanent error, or the last attempt, fails the run:
 * the other workers stop at their next batch and the first failure is reported.
 */
final class ChunkWorkers {
    private static final long FIRST_PAUSE_MILLIS = 500;
    private static final long LONGEST_PAUSE_MILLIS = 10_000;

    private final RuleBinder binder;
    private final CopyListener listener;
    private final CopyOptions options;
    private final CopyObserver observer;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicInteger retries = new AtomicInteger();

    ChunkWorkers(RuleBinder binder, CopyListener listener, CopyOptions options, CopyObserver observer) {
        this.binder = binder;
        this.listener = listener;
        this.options = options;
        this.observer = observer;
    }

    record Outcome(List<TableProgress> tables, int retries) {}

    Outcome copy(Plan plan, Map<TableName, List<Chunk>> chunks, Set<String> finished, SourceDatabase source,
                 TargetDatabase target) {
        Map<TableName, TablePlan> plans = plan.copied().stream()
                .collect(Collectors.toMap(t -> t.table().name(), Function.identity()));
        Queue<Work> queue = new ConcurrentLinkedQueue<>();
        List<TableProgress> tables = new ArrayList<>();
        chunks.forEach((name, list) -> {
            List<Chunk> pending = list.stream().filter(c -> !finished.contains(RunLedger.chunkId(name, c))).toList();
            if (!pending.isEmpty()) {
                TablePlan table = plans.get(name);
                TableState state = new TableState(new TableProgress(name, table.table().estimatedRows()), pending.size());
                tables.add(state.progress);
                pending.forEach(chunk -> queue.add(new Work(table, chunk, state)));
            }
        });
        if (queue.isEmpty()) {
            return new Outcome(List.of(), 0);
        }
        int workers = Math.min(options.jobs(), queue.size());
        listener.phase("copying " + tables.size() + " tables in " + queue.size() + " chunks with " + workers + " worker"
                + (workers == 1 ? "" : "s"));
        Workers.run("doppel-copy", workers, () -> work(queue, source, target), "copying");
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Outcome(tables, retries.get());
    }

    private void work(Queue<Work> queue, SourceDatabase source, TargetDatabase target) {
        TableCopier copier = new TableCopier(binder, observer, () -> failure.get() != null);
        try (Connections connections = new Connections(source, target)) {
            for (Work work = queue.poll(); work != null && failure.get() == null; work = queue.poll()) {
                if (work.state.started()) {
                    listener.tableStarted(work.state.progress);
                }
                try {
                    copyWithRetries(work, copier, connections);
                } catch (OutOfMemoryError e) {
                    throw outOfMemory(work, e);
                }
                if (work.state.chunkDone()) {
                    work.state.progress.finish();
                    listener.tableFinished(work.state.progress);
                }
            }
        } catch (TableCopier.CancelledException e) {
            // another chunk failed first; its failure is the one reported
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void copyWithRetries(Work work, TableCopier copier, Connections connections) {
        for (int attempt = 1; ; attempt++) {
            try {
                copier.copy(work.table, work.chunk, connections.reader(), connections.writer(), work.state.progress);
                return;
            } catch (RowFormat.TextNeeded e) {
                connections.reset();
                attempt--;
            } catch (DoppelException e) {
                if (!e.isTransient() || attempt >= options.attempts() || failure.get() != null) {
                    throw e;
                }
                retries.incrementAndGet();
                listener.warning(e.getMessage() + " — trying " + work.describe() + " again (attempt " + (attempt + 1)
                        + " of " + options.attempts() + ")");
                connections.reset();
                pause(attempt);
            }
        }
    }

    /**
     * Rows are held whole while they are masked, so one huge row (a large bytea, BLOB or JSON value)
     * can need more heap than the workers have; said as such, instead of a bare OutOfMemoryError.
     */
    private DoppelException outOfMemory(Work work, OutOfMemoryError e) {
        long heap = Runtime.getRuntime().maxMemory() >> 20;
        return new DoppelException(ExitCode.RUN_FAILED, "Ran out of memory copying " + work.describe() + " with a "
                + heap + " MB heap and " + options.jobs() + " workers: a row of it may be too large to hold. Give doppel"
                + " more heap (DOPPEL_JAVA_OPTS=-Xmx" + Math.max(1, heap * 4 / 1024) + "g) or run with fewer --jobs; rows"
                + " up to about a tenth of the heap per worker are safe", e);
    }

    private static void pause(int attempt) {
        long millis = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << (attempt - 1));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DoppelException(ExitCode.RUN_FAILED, "The run was interrupted", e);
        }
    }

    /** One chunk of one table. */
    private record Work(TablePlan table, Chunk chunk, TableState state) {
        String describe() {
            return table.table().name() + (chunk.isWhole() ? "" : " chunk " + chunk.key());
        }
    }

    /** A table's progress, shared by its chunks; the table is finished when its last chunk is. */
    private static final class TableState {
        final TableProgress progress;
        final AtomicInteger remaining;
        final java.util.concurrent.atomic.AtomicBoolean began = new java.util.concurrent.atomic.AtomicBoolean();

        TableState(TableProgress progress, int chunks) {
            this.progress = progress;
            this.remaining = new AtomicInteger(chunks);
        }

        boolean started() {
            return began.compareAndSet(false, true);
        }

        boolean chunkDone() {
            return remaining.decrementAndGet() == 0;
        }
    }

    /** A worker's reader and writer, opened when first needed and opened afresh after a failure. */
    private static final class Connections implements AutoCloseable {
        private final SourceDatabase source;
        private final TargetDatabase target;
        private TableReader reader;
        private TableWriter writer;

        Connections(SourceDatabase source, TargetDatabase target) {
            this.source = source;
            this.target = target;
        }

        TableReader reader() {
            if (reader == null) {
                reader = source.openReader();
            }
            return reader;
        }

        TableWriter writer() {
            if (writer == null) {
                writer = target.openWriter();
            }
            return writer;
        }

        void reset() {
            close();
            reader = null;
            writer = null;
        }

        @Override
        public void close() {
            if (reader != null) {
                reader.close();
            }
            if (writer != null) {
                writer.close();
            }
        }
    }
}
