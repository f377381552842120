package dev.doppel.mysql;

import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.engine.Workers;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds secondary indexes, then foreign keys, after the load, on up to {@code jobs} connections.
 *
 * <p>Statements of one table stay on one connection, in order (InnoDB builds one table's
 * indexes one ALTER at a time anyway); different tables build side by side. Foreign keys come
 * once every index is there. With {@code foreign_key_checks} on, InnoDB adds a foreign key by
 * copying the whole child table; instead, the rows are checked with one query per key (each
 * child row looked up in the parent's index), and the key is then added with the checks off,
 * which only records it. A statement whose form the check does not know is run with the
 * server's own check. When resuming, a statement whose object is there already counts as done.
 */
final class MySqlIndexBuilder {
    private final MySqlConnector connector;
    private final int jobs;
    private final boolean resuming;
    private final TargetDatabase.AsCopied asCopied;
    private final TargetDatabase.Built built;

    MySqlIndexBuilder(MySqlConnector connector, TargetDatabase.ApplyOptions options) {
        this.connector = connector;
        this.jobs = options.jobs();
        this.resuming = options.resuming();
        this.asCopied = options.asCopied();
        this.built = options.built();
    }

    static boolean isIndexBuild(DdlStatement statement) {
        return statement.phase() == DdlStatement.Phase.POST_DATA
                && (statement.object().startsWith("indexes of ") || statement.object().startsWith("full-text index of "));
    }

    static boolean isForeignKeys(DdlStatement statement) {
        return statement.phase() == DdlStatement.Phase.POST_DATA && statement.object().startsWith("foreign keys of ");
    }

    void build(List<DdlStatement> statements) {
        run(byTable(statements.stream().filter(MySqlIndexBuilder::isIndexBuild).toList()));
        run(byTable(statements.stream().filter(MySqlIndexBuilder::isForeignKeys).toList()));
    }

    private static List<List<DdlStatement>> byTable(List<DdlStatement> statements) {
        Map<Object, List<DdlStatement>> byTable = new LinkedHashMap<>();
        for (DdlStatement statement : statements) {
            Object table = statement.object().substring(statement.object().indexOf(" of ") + 4);
            byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(statement);
        }
        return new ArrayList<>(byTable.values());
    }

    private void run(List<List<DdlStatement>> tables) {
        if (tables.isEmpty()) {
            return;
        }
        Queue<List<DdlStatement>> queue = new ConcurrentLinkedQueue<>(tables);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int workers = Math.max(1, Math.min(jobs, tables.size()));
        Workers.run("doppel-index", workers, () -> work(queue, failure), "building indexes");
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void work(Queue<List<DdlStatement>> queue, AtomicReference<RuntimeException> failure) {
        try (Connection connection = connector.open(); Statement jdbc = connection.createStatement()) {
            jdbc.setEscapeProcessing(false);
            for (List<DdlStatement> table = queue.poll(); table != null && failure.get() == null; table = queue.poll()) {
                for (DdlStatement statement : table) {
                    long start = System.nanoTime();
                    try {
                        execute(jdbc, statement);
                    } catch (SQLException e) {
                        if (!(resuming && MySqlErrors.isAlreadyThere(e))) {
                            throw MySqlTarget.failed(statement, e);
                        }
                    }
                    built.done(statement, (System.nanoTime() - start) / 1e9);
                }
            }
        } catch (SQLException e) {
            failure.compareAndSet(null, new DoppelException(ExitCode.RUN_FAILED, "Cannot build indexes on the target: "
                    + MySqlErrors.describe(e), e, MySqlErrors.isTransient(e)));
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /**
     * True when the key's columns on both sides hold the source's own values from one snapshot
     * ({@link TargetDatabase.AsCopied}): then it holds on the target exactly as on the source and
     * is added unchecked, as a dump's {@code FOREIGN_KEY_CHECKS=0} adds it. Masked, filtered or
     * differently read sides are checked.
     */
    private boolean holdsAsCopied(ForeignKey key, DdlStatement statement) {
        TableName child = source(statement, key.table());
        int dot = key.parent().lastIndexOf("`.`");
        TableName parent = source(statement, dot < 0 ? key.parent() : key.parent().substring(dot + 2));
        return child != null && parent != null && asCopied.unchanged(child, unquoted(key.columns()))
                && asCopied.unchanged(parent, unquoted(key.parentColumns()));
    }

    /** The source table a quoted name of the statement stands for, or null when it is not one of them. */
    private static TableName source(DdlStatement statement, String quoted) {
        String name = Sql.unquote(quoted);
        List<TableName> matches = statement.dependsOn().stream().filter(t -> t.name().equals(name)).toList();
        return matches.size() == 1 ? matches.get(0) : null;
    }

    private static List<String> unquoted(List<String> quoted) {
        return quoted.stream().map(Sql::unquote).toList();
    }

    private void execute(Statement jdbc, DdlStatement statement) throws SQLException {
        List<ForeignKey> keys = isForeignKeys(statement) ? ForeignKey.parse(statement.sql()) : List.of();
        if (keys.isEmpty()) {
            jdbc.execute("SET SESSION foreign_key_checks = 1");
            jdbc.execute(statement.sql());
            return;
        }
        for (ForeignKey key : keys) {
            if (holdsAsCopied(key, statement)) {
                continue;
            }
            long violations;
            try (ResultSet rows = jdbc.executeQuery(key.violationsQuery())) {
                rows.next();
                violations = rows.getLong(1);
            }
            if (violations > 0) {
                throw new SQLException("Cannot add foreign key " + key.name() + ": " + violations + " row(s) of " + key.table()
                        + " reference no row of " + key.parent(), "23000", 1452);
            }
        }
        jdbc.execute("SET SESSION foreign_key_checks = 0");
        try {
            jdbc.execute(statement.sql());
        } finally {
            jdbc.execute("SET SESSION foreign_key_checks = 1");
        }
    }
}
