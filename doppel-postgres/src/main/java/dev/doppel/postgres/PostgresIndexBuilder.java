package dev.doppel.postgres;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.DdlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds primary keys, unique constraints and indexes after the load on several connections.
 * Statements of one table stay on one connection, in order (two index builds on one table would
 * only wait for each other's locks); different tables build side by side, each session with a
 * generous {@code maintenance_work_mem}.
 */
final class PostgresIndexBuilder {
    private final PostgresConnector connector;
    private final int jobs;
    private final boolean resuming;

    PostgresIndexBuilder(PostgresConnector connector, int jobs, boolean resuming) {
        this.connector = connector;
        this.jobs = jobs;
        this.resuming = resuming;
    }

    void build(List<DdlStatement> statements) {
        Map<Object, List<DdlStatement>> byTable = new LinkedHashMap<>();
        for (DdlStatement statement : statements) {
            Object table = statement.dependsOn().isEmpty() ? statement : statement.dependsOn().iterator().next();
            byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(statement);
        }
        Queue<List<DdlStatement>> queue = new ConcurrentLinkedQueue<>(byTable.values());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int workers = Math.min(jobs, byTable.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "doppel-index");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(() -> work(queue, failure)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DoppelException(ExitCode.RUN_FAILED, "The run was interrupted while building indexes", e);
        } catch (ExecutionException e) {
            throw new DoppelException(ExitCode.INTERNAL, "An index builder failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void work(Queue<List<DdlStatement>> queue, AtomicReference<RuntimeException> failure) {
        try (Connection connection = connector.open(); Statement jdbc = connection.createStatement()) {
            jdbc.execute("SET maintenance_work_mem = '256MB'");
            for (List<DdlStatement> table = queue.poll(); table != null && failure.get() == null; table = queue.poll()) {
                for (DdlStatement statement : table) {
                    try {
                        jdbc.execute(statement.sql());
                    } catch (SQLException e) {
                        if (!(resuming && PostgresErrors.isAlreadyThere(e))) {
                            throw PostgresTarget.failed(statement, e);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            failure.compareAndSet(null, new DoppelException(ExitCode.RUN_FAILED, "Cannot open a connection to build indexes: "
                    + PostgresErrors.describe(e), e));
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }
}
