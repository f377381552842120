package dev.doppel.postgres;

import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.engine.Workers;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds primary keys, unique constraints, indexes and foreign keys after the load, on up to
 * {@code jobs} connections, the way {@code pg_restore -j} schedules them: each statement is a job
 * that starts as soon as nothing it needs is missing and nothing it would wait for holds a lock.
 *
 * <ul>
 *   <li>{@code CREATE INDEX} takes a SHARE lock, so the indexes of one table build side by side;
 *       the largest tables' start first. A primary key or unique constraint arrives as its index
 *       and a statement that takes the index over.</li>
 *   <li>Other statements on a table ({@code ADD CONSTRAINT}) take an exclusive lock: they run once
 *       the table's indexes are built, one at a time.</li>
 *   <li>A foreign key locks both its tables against writes and reads the referenced key: it runs
 *       once both tables' indexes and constraints are there, while other tables' indexes still
 *       build, and never beside another foreign key on one of its tables, which could deadlock.</li>
 * </ul>
 * Each session has a generous {@code maintenance_work_mem}. An index build gets the server's
 * parallel maintenance workers only when it starts with sessions to spare: no other index waits
 * and fewer builds run than there are sessions, as for the last index of a run. Otherwise the
 * sessions already keep {@code jobs} of the server's cores busy, and workers beside them only add
 * the cost of splitting and merging each sort: on 2 cores, with 2 sessions, the restore's index
 * phase took 10 % longer with them. The first failure stops the others at their next job and is
 * reported.
 */
final class PostgresIndexBuilder {
    private final PostgresConnector connector;
    private final int jobs;
    private final boolean resuming;
    private final TargetDatabase.Built built;

    PostgresIndexBuilder(PostgresConnector connector, TargetDatabase.ApplyOptions options) {
        this.connector = connector;
        this.jobs = options.jobs();
        this.resuming = options.resuming();
        this.built = options.built();
    }

    /** Foreign keys are built here too, as soon as they can be, instead of after every index. */
    static boolean isForeignKey(DdlStatement statement) {
        return statement.phase() == DdlStatement.Phase.POST_DATA && statement.object().startsWith("foreign key ");
    }

    void build(List<DdlStatement> statements) {
        int workers = Math.min(jobs, statements.size());
        if (workers == 0) {
            return;
        }
        Schedule schedule = new Schedule(statements, sizes(statements), jobs);
        Workers.run("doppel-index", workers, () -> work(schedule), "building indexes");
        schedule.throwFailure();
    }

    private void work(Schedule schedule) {
        try (Connection connection = connector.open(); Statement jdbc = connection.createStatement()) {
            jdbc.execute("SET maintenance_work_mem = '256MB'");
            ParallelWorkers parallel = new ParallelWorkers(jdbc);
            for (Job job = schedule.next(); job != null; job = schedule.next()) {
                long start = System.nanoTime();
                try {
                    if (job.kind == Kind.INDEX) {
                        parallel.allow(schedule.sessionsToSpare());
                    }
                    jdbc.execute(job.statement.sql());
                } catch (SQLException e) {
                    if (!(resuming && PostgresErrors.isAlreadyThere(e))) {
                        throw PostgresTarget.failed(job.statement, e);
                    }
                }
                schedule.done(job);
                built.done(job.statement, (System.nanoTime() - start) / 1e9);
            }
        } catch (SQLException e) {
            schedule.fail(new DoppelException(ExitCode.RUN_FAILED, "Cannot open a connection to build indexes: "
                    + PostgresErrors.describe(e), e));
        } catch (RuntimeException e) {
            schedule.fail(e);
        }
    }

    /** The tables' sizes on the target now that they are loaded, to start the longest builds first. */
    private Map<TableName, Long> sizes(List<DdlStatement> statements) {
        Map<TableName, Long> sizes = new HashMap<>();
        try (Connection connection = connector.open();
             PreparedStatement size = connection.prepareStatement("SELECT pg_total_relation_size(to_regclass(?))")) {
            for (DdlStatement statement : statements) {
                for (TableName table : statement.dependsOn()) {
                    if (!sizes.containsKey(table)) {
                        size.setString(1, Sql.qualified(table));
                        try (ResultSet row = size.executeQuery()) {
                            sizes.put(table, row.next() ? row.getLong(1) : 0L);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot read the sizes of the loaded tables: "
                    + PostgresErrors.describe(e), e);
        }
        return sizes;
    }

    enum Kind { INDEX, CONSTRAINT, FOREIGN_KEY }

    /** A session's {@code max_parallel_maintenance_workers}: none, or the server's setting. */
    private static final class ParallelWorkers {
        private final Statement jdbc;
        private Boolean allowed;

        ParallelWorkers(Statement jdbc) {
            this.jdbc = jdbc;
        }

        void allow(boolean allow) throws SQLException {
            if (!Boolean.valueOf(allow).equals(allowed)) {
                jdbc.execute(allow ? "RESET max_parallel_maintenance_workers" : "SET max_parallel_maintenance_workers = 0");
                allowed = allow;
            }
        }
    }

    record Job(DdlStatement statement, Kind kind, long size) {
        static Job of(DdlStatement statement, Map<TableName, Long> sizes) {
            Kind kind = isForeignKey(statement) ? Kind.FOREIGN_KEY
                    : statement.sql().startsWith("CREATE ") ? Kind.INDEX : Kind.CONSTRAINT;
            return new Job(statement, kind, statement.dependsOn().stream().mapToLong(t -> sizes.getOrDefault(t, 0L)).sum());
        }
    }

    /**
     * Which job may run next. Per table it counts the index and constraint jobs not yet done
     * ({@code pending}), and what runs on it now: SHARE (index builds), exclusive (a constraint) or
     * a foreign key.
     */
    static final class Schedule {
        private final List<Job> waiting = new ArrayList<>();
        private final Map<TableName, Integer> pendingIndexes = new HashMap<>();
        private final Map<TableName, Integer> pendingKeys = new HashMap<>();
        private final Map<TableName, Integer> running = new HashMap<>();
        private final Map<TableName, Boolean> exclusive = new HashMap<>();
        private final int sessions;
        private int buildingIndexes;
        private RuntimeException failure;

        Schedule(List<DdlStatement> statements, Map<TableName, Long> sizes, int sessions) {
            this.sessions = sessions;
            statements.forEach(s -> waiting.add(Job.of(s, sizes)));
            waiting.sort(Comparator.comparingLong(Job::size).reversed());
            for (Job job : waiting) {
                for (TableName table : job.statement.dependsOn()) {
                    if (job.kind == Kind.INDEX) {
                        pendingIndexes.merge(table, 1, Integer::sum);
                    }
                    if (job.kind != Kind.FOREIGN_KEY) {
                        pendingKeys.merge(table, 1, Integer::sum);
                    }
                }
            }
        }

        /** The next job to run, waiting until one may; null when all are done or one failed. */
        synchronized Job next() {
            while (failure == null && !waiting.isEmpty()) {
                Job ready = ready();
                if (ready != null) {
                    waiting.remove(ready);
                    if (ready.kind == Kind.INDEX) {
                        buildingIndexes++;
                    }
                    for (TableName table : ready.statement.dependsOn()) {
                        running.merge(table, 1, Integer::sum);
                        if (ready.kind != Kind.INDEX) {
                            exclusive.put(table, true);
                        }
                    }
                    return ready;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return null;
        }

        /** Constraints and foreign keys first, as they unblock others and are quick; then the largest index. */
        private Job ready() {
            Job index = null;
            for (Job job : waiting) {
                if (job.kind == Kind.INDEX) {
                    if (index == null && job.statement.dependsOn().stream().noneMatch(t -> exclusive.getOrDefault(t, false))) {
                        index = job;
                    }
                } else if (job.statement.dependsOn().stream().allMatch(t -> running.getOrDefault(t, 0) == 0
                        && (job.kind == Kind.CONSTRAINT ? pendingIndexes : pendingKeys).getOrDefault(t, 0) == 0)) {
                    return job;
                }
            }
            return index;
        }

        /** Whether an index build that has just started leaves sessions with no index to build. */
        synchronized boolean sessionsToSpare() {
            return buildingIndexes < sessions && waiting.stream().noneMatch(job -> job.kind == Kind.INDEX);
        }

        synchronized void done(Job job) {
            if (job.kind == Kind.INDEX) {
                buildingIndexes--;
            }
            for (TableName table : job.statement.dependsOn()) {
                running.merge(table, -1, Integer::sum);
                exclusive.remove(table);
                if (job.kind == Kind.INDEX) {
                    pendingIndexes.merge(table, -1, Integer::sum);
                }
                if (job.kind != Kind.FOREIGN_KEY) {
                    pendingKeys.merge(table, -1, Integer::sum);
                }
            }
            notifyAll();
        }

        synchronized void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            notifyAll();
        }

        synchronized void throwFailure() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
