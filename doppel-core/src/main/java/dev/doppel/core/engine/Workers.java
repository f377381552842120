package dev.doppel.core.engine;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one task on a number of daemon threads at once and returns when every thread has finished:
 * the shape of the copy workers, the verification workers and the engines' index builders, which
 * each take their work from a shared queue.
 *
 * <p>A task is expected to record its own failures and stop its peers; a runtime exception that
 * still escapes one is thrown here as it is, once the threads are waited for or interrupted.
 */
public final class Workers {
    private Workers() {
    }

    /**
     * Runs {@code task} on {@code count} threads named {@code name}.
     *
     * @param doing what the threads do, for the message when the run is interrupted, such as
     *              "building indexes"
     */
    public static void run(String name, int count, Runnable task, String doing) {
        ExecutorService pool = Executors.newFixedThreadPool(count, r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(task));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DoppelException(ExitCode.RUN_FAILED, "The run was interrupted while " + doing, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DoppelException(ExitCode.INTERNAL, "A thread " + doing + " failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
