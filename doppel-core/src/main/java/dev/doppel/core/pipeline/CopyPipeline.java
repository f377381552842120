package dev.doppel.core.pipeline;

import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.config.TableMode;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.DdlStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a plan: schema first, then the rows of every copied table, then indexes and constraints.
 *
 * <p>Tables are copied by {@code jobs} workers. Each worker holds one reader (a source
 * connection in the shared snapshot) and one writer, and takes the largest remaining table from a
 * shared queue until it is empty. When one table fails, the others stop at their next batch and
 * the first failure is reported.
 */
public final class CopyPipeline {
    private final RuleBinder binder;
    private final CopyListener listener;

    public CopyPipeline(RuleBinder binder, CopyListener listener) {
        this.binder = binder;
        this.listener = listener;
    }

    public RunSummary run(Plan plan, SourceDatabase source, TargetDatabase target, CopyOptions options) {
        long start = System.nanoTime();
        List<String> existing = target.existingObjects(5);
        if (!existing.isEmpty()) {
            if (!options.replace()) {
                throw new DoppelException(ExitCode.BAD_INPUT, "The target is not empty (it holds "
                        + String.join(", ", existing) + (existing.size() == 5 ? ", …" : "")
                        + "); nothing was written. Point target at an empty database, or pass --replace to drop "
                        + "what it holds first.");
            }
            listener.phase("clearing the target (--replace)");
            target.clear();
        }
        List<DdlStatement> pre = plan.ddl(DdlStatement.Phase.PRE_DATA);
        listener.phase("creating schema: " + pre.size() + " statements");
        target.apply(pre).forEach(listener::warning);

        List<TableProgress> tables = copyData(plan, source, target, options.jobs());

        List<DdlStatement> post = plan.ddl(DdlStatement.Phase.POST_DATA);
        listener.phase("creating indexes, constraints and triggers: " + post.size() + " statements");
        target.apply(post).forEach(listener::warning);

        long rows = tables.stream().mapToLong(TableProgress::rows).sum();
        long bytes = tables.stream().mapToLong(TableProgress::bytes).sum();
        int schemaOnly = (int) plan.tables().stream().filter(t -> t.mode() == TableMode.SCHEMA_ONLY).count();
        return new RunSummary(tables.size(), schemaOnly, rows, bytes, plan.maskedColumns(),
                (System.nanoTime() - start) / 1e9, tables);
    }

    private List<TableProgress> copyData(Plan plan, SourceDatabase source, TargetDatabase target, int jobs) {
        List<TablePlan> work = new ArrayList<>(plan.copied());
        work.sort(Comparator.comparingLong((TablePlan t) -> Math.max(t.table().estimatedBytes(), t.table().estimatedRows()))
                .reversed());
        if (work.isEmpty()) {
            return List.of();
        }
        int workers = Math.min(jobs, work.size());
        listener.phase("copying " + work.size() + " tables with " + workers + " worker" + (workers == 1 ? "" : "s"));
        Queue<TablePlan> queue = new ConcurrentLinkedQueue<>(work);
        List<TableProgress> done = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        TableCopier copier = new TableCopier(binder, () -> failure.get() != null);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "doppel-copy");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(() -> work(queue, source, target, copier, done, failure)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DoppelException(ExitCode.RUN_FAILED, "The run was interrupted", e);
        } catch (ExecutionException e) {
            throw new DoppelException(ExitCode.INTERNAL, "A copy worker failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return List.copyOf(done);
    }

    private void work(Queue<TablePlan> queue, SourceDatabase source, TargetDatabase target, TableCopier copier,
                      List<TableProgress> done, AtomicReference<RuntimeException> failure) {
        try (TableReader reader = source.openReader(); TableWriter writer = target.openWriter()) {
            for (TablePlan table = queue.poll(); table != null && failure.get() == null; table = queue.poll()) {
                TableProgress progress = new TableProgress(table.table().name(), table.table().estimatedRows());
                listener.tableStarted(progress);
                copier.copy(table, reader, writer, progress);
                progress.finish();
                done.add(progress);
                listener.tableFinished(progress);
            }
        } catch (TableCopier.CancelledException e) {
            // another table failed first; its failure is the one reported
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }
}
