package dev.doppel.core.verify;

import dev.doppel.core.engine.TableReader;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The verification workers' shared work: tasks taken from the front of one queue. A table's first
 * task prepares it and puts the reads of its target's parts at the front, so that every worker
 * helps with the table in hand before the next one is begun; the worker that ends the table's last
 * part finishes it. A worker waits while the queue is empty and a table is still in hand, and
 * stops once every table is done or a worker failed.
 */
final class VerifyWork {
    /** One step of the work, run with the worker's own readers. */
    interface Task {
        void run(TableReader source, TableReader target);
    }

    private final Deque<Task> tasks = new ArrayDeque<>();
    private int tablesLeft;
    private boolean failed;

    VerifyWork(int tables) {
        this.tablesLeft = tables;
    }

    synchronized void add(Task task) {
        tasks.addLast(task);
        notifyAll();
    }

    /** Puts {@code first} at the front of the queue, in its order. */
    synchronized void addFirst(List<Task> first) {
        for (int i = first.size() - 1; i >= 0; i--) {
            tasks.addFirst(first.get(i));
        }
        notifyAll();
    }

    synchronized void tableDone() {
        tablesLeft--;
        notifyAll();
    }

    /** Runs tasks until there are none left; a task that fails stops every worker. */
    void work(TableReader source, TableReader target) {
        try {
            for (Task task = next(); task != null; task = next()) {
                task.run(source, target);
            }
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    private synchronized Task next() {
        while (tasks.isEmpty() && tablesLeft > 0 && !failed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DoppelException(ExitCode.RUN_FAILED, "The run was interrupted while verifying the target", e);
            }
        }
        return failed ? null : tasks.pollFirst();
    }

    private synchronized void fail() {
        failed = true;
        tasks.clear();
        notifyAll();
    }
}
