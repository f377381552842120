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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds primary keys, unique constraints, indexes and foreign keys after the load, on up to
 * {@code jobs} connections, the way {@code pg_restore -j} schedules them: each statement is a job
 * that starts as soon as what it requires is built and none of the table locks it takes conflicts
 * with a running job's ({@link Lock}), so no session ever waits on another's lock.
 *
 * <ul>
 *   <li>{@code CREATE INDEX} takes SHARE, so the indexes of one table build side by side; the
 *       largest tables' start first. A primary key or unique constraint arrives as its index and a
 *       statement that takes the index over, under ACCESS EXCLUSIVE for a moment once nothing else
 *       runs on the table.</li>
 *   <li>A foreign key that the schema reader split in two is added {@code NOT VALID} as soon as the
 *       key it references is there (a moment's SHARE ROW EXCLUSIVE on both tables), then checked by
 *       {@code VALIDATE CONSTRAINT}, which takes SHARE UPDATE EXCLUSIVE on the referencing table
 *       and only ROW SHARE on the referenced one: the check runs while the referenced table's other
 *       indexes build. So that the moment comes early, the referenced keys are built first, and
 *       while one such key is built no other index starts on either table of its foreign keys.</li>
 *   <li>A foreign key added checked in one statement (on a partitioned table, or from a snapshot
 *       made before the split) runs once both tables' indexes and constraints are built, never
 *       beside another job on either table.</li>
 * </ul>
 * Each session has a generous {@code maintenance_work_mem}. An index build gets the server's
 * parallel maintenance workers only when it starts with sessions to spare: no other index could
 * start and fewer builds run than there are sessions, as for the last index of a run. Otherwise the
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

    /** What the object of a foreign key's {@code VALIDATE CONSTRAINT} starts with, before the key's. */
    static final String CHECK_OF = "check of ";

    /** Foreign keys and their checks are built here too, as soon as they can be, instead of after every index. */
    static boolean isForeignKey(DdlStatement statement) {
        return statement.phase() == DdlStatement.Phase.POST_DATA && (statement.object().startsWith("foreign key ")
                || statement.object().startsWith(CHECK_OF + "foreign key "));
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

    enum Kind { INDEX, CONSTRAINT, FOREIGN_KEY, CHECK }

    /**
     * The table-level locks the jobs take, and which conflict (PostgreSQL's manual, "Table-Level
     * Locks"): a job starts only when its locks conflict with no running job's.
     */
    enum Lock {
        /** {@code VALIDATE CONSTRAINT} on the table a foreign key references. */
        ROW_SHARE,
        /** {@code VALIDATE CONSTRAINT} on the referencing table. */
        SHARE_UPDATE_EXCLUSIVE,
        /** {@code CREATE INDEX}. */
        SHARE,
        /** {@code ADD FOREIGN KEY}, on both tables. */
        SHARE_ROW_EXCLUSIVE,
        /** Any other {@code ALTER TABLE}, such as adding a key over its built index. */
        ACCESS_EXCLUSIVE;

        boolean conflictsWith(Lock other) {
            if (this == ACCESS_EXCLUSIVE || other == ACCESS_EXCLUSIVE) {
                return true;
            }
            return this != ROW_SHARE && other != ROW_SHARE && !(this == SHARE && other == SHARE);
        }
    }

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

    /**
     * @param locks what the job locks on each table it depends on
     * @param quick a foreign key added {@code NOT VALID} after the key it requires: no check, so it
     *     takes its locks for a moment and may run as soon as they are free
     */
    record Job(DdlStatement statement, Kind kind, long size, Map<TableName, Lock> locks, boolean quick) {
        static Job of(DdlStatement statement, Map<TableName, Long> sizes) {
            Kind kind = statement.object().startsWith(CHECK_OF) ? Kind.CHECK
                    : isForeignKey(statement) ? Kind.FOREIGN_KEY
                    : statement.sql().startsWith("CREATE ") ? Kind.INDEX : Kind.CONSTRAINT;
            TableName referencing = kind == Kind.CHECK ? referencing(statement) : null;
            Map<TableName, Lock> locks = new HashMap<>();
            for (TableName table : statement.dependsOn()) {
                locks.put(table, switch (kind) {
                    case INDEX -> Lock.SHARE;
                    case CONSTRAINT -> Lock.ACCESS_EXCLUSIVE;
                    case FOREIGN_KEY -> Lock.SHARE_ROW_EXCLUSIVE;
                    case CHECK -> referencing == null || table.equals(referencing) ? Lock.SHARE_UPDATE_EXCLUSIVE : Lock.ROW_SHARE;
                });
            }
            boolean quick = kind == Kind.FOREIGN_KEY && !statement.requires().isEmpty() && statement.sql().endsWith(" NOT VALID");
            long size = statement.dependsOn().stream().mapToLong(t -> sizes.getOrDefault(t, 0L)).sum();
            return new Job(statement, kind, size, Map.copyOf(locks), quick);
        }

        /** The table a foreign key's check alters, the one its object ends with; null when unsure. */
        private static TableName referencing(DdlStatement check) {
            List<TableName> named = check.dependsOn().stream().filter(t -> check.object().endsWith(" on " + t)).toList();
            return named.size() == 1 ? named.get(0) : null;
        }

        boolean conflictsWith(Job other) {
            return locks.entrySet().stream().anyMatch(lock -> {
                Lock held = other.locks.get(lock.getKey());
                return held != null && held.conflictsWith(lock.getValue());
            });
        }
    }

    /**
     * Which job may run next. It knows the jobs waiting and running, the objects not yet built
     * (what {@code requires} waits for), and per table the index and constraint jobs not yet done
     * (what a foreign key added checked waits for).
     */
    static final class Schedule {
        private final List<Job> waiting = new ArrayList<>();
        private final List<Job> running = new ArrayList<>();
        private final Map<String, Integer> unbuilt = new HashMap<>();
        private final Map<String, Integer> unstarted = new HashMap<>();
        private final Map<String, Set<String>> keyChains = new HashMap<>();
        private final Set<String> keys = new HashSet<>();
        private final Map<TableName, Integer> pendingIndexes = new HashMap<>();
        private final Map<TableName, Integer> pendingKeys = new HashMap<>();
        private final int sessions;
        private int buildingIndexes;
        private RuntimeException failure;

        Schedule(List<DdlStatement> statements, Map<TableName, Long> sizes, int sessions) {
            this.sessions = sessions;
            statements.forEach(s -> waiting.add(Job.of(s, sizes)));
            waiting.sort(Comparator.comparingLong(Job::size).reversed());
            for (Job job : waiting) {
                unbuilt.merge(job.statement.object(), 1, Integer::sum);
                unstarted.merge(job.statement.object(), 1, Integer::sum);
                for (TableName table : job.statement.dependsOn()) {
                    if (job.kind == Kind.INDEX) {
                        pendingIndexes.merge(table, 1, Integer::sum);
                    }
                    if (job.kind == Kind.INDEX || job.kind == Kind.CONSTRAINT) {
                        pendingKeys.merge(table, 1, Integer::sum);
                    }
                }
            }
            Map<String, Set<String>> requires = new HashMap<>();
            waiting.forEach(job -> requires.put(job.statement.object(), job.statement.requires()));
            for (Job job : waiting) {
                if (job.quick) {
                    Set<String> chain = new HashSet<>();
                    List<String> toVisit = new ArrayList<>(job.statement.requires());
                    while (!toVisit.isEmpty()) {
                        String object = toVisit.remove(toVisit.size() - 1);
                        if (chain.add(object)) {
                            toVisit.addAll(requires.getOrDefault(object, Set.of()));
                        }
                    }
                    keyChains.put(job.statement.object(), chain);
                    keys.addAll(chain);
                }
            }
        }

        /** The next job to run, waiting until one may; null when all are done or one failed. */
        synchronized Job next() {
            while (failure == null && !waiting.isEmpty()) {
                Job ready = take();
                if (ready != null) {
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

        /** The job that may start now, marked as running; null when none may. */
        synchronized Job take() {
            Job ready = ready();
            if (ready != null) {
                waiting.remove(ready);
                running.add(ready);
                unstarted.merge(ready.statement.object(), -1, Integer::sum);
                if (ready.kind == Kind.INDEX) {
                    buildingIndexes++;
                }
            }
            return ready;
        }

        /**
         * Constraints and foreign keys first, as they unblock others and are quick; then a foreign
         * key's check, which keeps its table's indexes waiting; then the keys foreign keys
         * reference; then the largest index.
         */
        private Job ready() {
            Set<TableName> reserved = reserved();
            Job check = null;
            Job index = null;
            for (Job job : waiting) {
                if (!mayStart(job, reserved)) {
                    continue;
                }
                switch (job.kind) {
                    case CONSTRAINT, FOREIGN_KEY -> {
                        return job;
                    }
                    case CHECK -> check = check == null ? job : check;
                    case INDEX -> index = index == null || isKey(job) && !isKey(index) ? job : index;
                }
            }
            return check != null ? check : index;
        }

        private boolean mayStart(Job job, Set<TableName> reserved) {
            if (running.stream().anyMatch(job::conflictsWith) || !built(job.statement.requires())) {
                return false;
            }
            Set<TableName> tables = job.statement.dependsOn();
            return switch (job.kind) {
                case INDEX -> isKey(job) || tables.stream().noneMatch(reserved::contains);
                case CONSTRAINT -> !job.statement.requires().isEmpty() || tables.stream().allMatch(t -> pendingIndexes.getOrDefault(t, 0) == 0);
                case FOREIGN_KEY -> job.quick || tables.stream().allMatch(t -> pendingKeys.getOrDefault(t, 0) == 0);
                case CHECK -> true;
            };
        }

        private boolean isKey(Job job) {
            return keys.contains(job.statement.object());
        }

        private boolean built(Set<String> objects) {
            return objects.stream().allMatch(o -> unbuilt.getOrDefault(o, 0) == 0);
        }

        /**
         * The tables that wait for a foreign key to be added to or against them, one whose key has
         * started to build. No other index starts on it meanwhile, or the moment the foreign key
         * needs both tables to itself could come only at their end. The key build has the sessions
         * this leaves idle as parallel workers ({@link #sessionsToSpare}).
         */
        private Set<TableName> reserved() {
            Set<TableName> reserved = new HashSet<>();
            waiting.stream().filter(job -> job.quick
                    && keyChains.get(job.statement.object()).stream().anyMatch(o -> unstarted.getOrDefault(o, 0) == 0))
                    .forEach(job -> reserved.addAll(job.statement.dependsOn()));
            return reserved;
        }

        /** Whether an index build that has just started leaves sessions with no index to start. */
        synchronized boolean sessionsToSpare() {
            Set<TableName> reserved = reserved();
            return buildingIndexes < sessions && waiting.stream().noneMatch(job -> job.kind == Kind.INDEX && mayStart(job, reserved));
        }

        synchronized void done(Job job) {
            running.remove(job);
            unbuilt.merge(job.statement.object(), -1, Integer::sum);
            if (job.kind == Kind.INDEX) {
                buildingIndexes--;
            }
            for (TableName table : job.statement.dependsOn()) {
                if (job.kind == Kind.INDEX) {
                    pendingIndexes.merge(table, -1, Integer::sum);
                }
                if (job.kind == Kind.INDEX || job.kind == Kind.CONSTRAINT) {
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
