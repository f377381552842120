package dev.doppel.postgres;

import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.engine.jdbc.JdbcRunLedger;
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
import java.util.Optional;
import dev.doppel.core.engine.RunLedger;

/** The target side: emptiness check, {@code --replace}, DDL in dependency order, writers. */
final class PostgresTarget implements TargetDatabase {
    private static final String USER_OBJECTS = "SELECT kind || ' ' || name FROM ("
            + " SELECT 1 AS o, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'"
            + "   ELSE 'table' END AS kind, n.nspname || '.' || c.relname AS name FROM pg_class c"
            + "   JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
            + "   AND " + Catalog.USER_SCHEMA + " AND " + Catalog.notInExtension("pg_class", "c.oid")
            + " UNION ALL SELECT 2, 'type', n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + "   WHERE t.typtype IN ('e', 'd', 'r') AND " + Catalog.USER_SCHEMA + " AND " + Catalog.notInExtension("pg_type", "t.oid")
            + " UNION ALL SELECT 3, 'function', n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n"
            + "   ON n.oid = p.pronamespace WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notInExtension("pg_proc", "p.oid")
            + " UNION ALL SELECT 4, 'schema', n.nspname FROM pg_namespace n WHERE " + Catalog.USER_SCHEMA
            + "   AND n.nspname <> 'public' AND " + Catalog.notInExtension("pg_namespace", "n.oid")
            + ") objects ORDER BY o, name LIMIT ?";

    private final PostgresConnector connector;
    private final Connection connection;

    PostgresTarget(PostgresConnector connector) {
        this.connector = connector;
        this.connection = connector.open();
    }

    @Override
    public List<String> existingObjects(int limit) {
        List<String> objects = new ArrayList<>();
        try {
            Jdbc.query(connection, USER_OBJECTS, row -> objects.add(row.getString(1)), limit);
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot inspect the target (" + connector.describe() + "): "
                    + PostgresErrors.describe(e), e);
        }
        return objects;
    }

    @Override
    public void clear() {
        List<String> schemas = new ArrayList<>();
        try {
            Jdbc.query(connection, "SELECT n.nspname FROM pg_namespace n WHERE " + Catalog.USER_SCHEMA
                    + " AND " + Catalog.notInExtension("pg_namespace", "n.oid"), row -> schemas.add(row.getString(1)));
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String schema : schemas) {
                    statement.execute("DROP SCHEMA " + Sql.ident(schema) + " CASCADE");
                }
                statement.execute("CREATE SCHEMA IF NOT EXISTS public");
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot clear the target for --replace ("
                    + connector.describe() + "): " + PostgresErrors.describe(e)
                    + ". The target user must own the schemas it replaces. Nothing was dropped.", e);
        } finally {
            autocommit();
        }
    }

    @Override
    public List<String> apply(List<DdlStatement> statements) {
        return apply(statements, ApplyOptions.SERIAL);
    }

    /**
     * Builds the leading keys and indexes, and the foreign keys, on up to {@code jobs} connections
     * ({@link PostgresIndexBuilder}), then runs the other statements one by one: one that fails only
     * because something it needs is not there yet is tried again after the others, in rounds that
     * repeat while any statement succeeds.
     */
    @Override
    public List<String> apply(List<DdlStatement> statements, ApplyOptions options) {
        int leading = 0;
        while (leading < statements.size() && DdlCollector.isIndexBuild(statements.get(leading))) {
            leading++;
        }
        if (leading > 0) {
            List<DdlStatement> built = new ArrayList<>(statements.subList(0, leading));
            List<DdlStatement> rest = new ArrayList<>();
            for (DdlStatement statement : statements.subList(leading, statements.size())) {
                (PostgresIndexBuilder.isForeignKey(statement) ? built : rest).add(statement);
            }
            new PostgresIndexBuilder(connector, options).build(built);
            return applyInOrder(rest, options.resuming());
        }
        return applyInOrder(statements, options.resuming());
    }

    private List<String> applyInOrder(List<DdlStatement> statements, boolean resuming) {
        List<String> warnings = new ArrayList<>();
        List<DdlStatement> pending = new ArrayList<>(statements);
        Map<DdlStatement, SQLException> failures = new LinkedHashMap<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            failures.clear();
            List<DdlStatement> retry = new ArrayList<>();
            for (DdlStatement statement : pending) {
                try (Statement jdbc = connection.createStatement()) {
                    jdbc.execute(statement.sql());
                    progress = true;
                } catch (SQLException e) {
                    if (resuming && PostgresErrors.isAlreadyThere(e)) {
                        progress = true;
                    } else if (statement.optional()) {
                        warnings.add(statement.object() + " was not created on the target: " + PostgresErrors.describe(e));
                        progress = true;
                    } else if (PostgresErrors.isMissingDependency(e)) {
                        retry.add(statement);
                        failures.put(statement, e);
                    } else {
                        throw failed(statement, e);
                    }
                }
            }
            pending = retry;
        }
        if (!pending.isEmpty()) {
            DdlStatement first = pending.get(0);
            throw new DoppelException(ExitCode.RUN_FAILED, pending.size() + " schema object(s) could not be created on the "
                    + "target because something they need is missing, first " + first.object() + ": "
                    + PostgresErrors.describe(failures.get(first)) + ". If it needs an extension or a role the target lacks, "
                    + "create that first; if it needs an excluded table, copy that table with mode schema_only.",
                    failures.get(first));
        }
        return warnings;
    }

    static DoppelException failed(DdlStatement statement, SQLException e) {
        String hint = e.getSQLState() != null && e.getSQLState().startsWith("23")
                ? ". The masked data breaks this constraint: give the column a unique-safe or referentially consistent rule"
                : "";
        return new DoppelException(ExitCode.RUN_FAILED, "Creating " + statement.object() + " on the target failed: "
                + PostgresErrors.describe(e) + hint, e);
    }

    /** Index builds take SHARE locks; readers hold ACCESS SHARE for one read only ({@link PostgresTableReader}). */
    @Override
    public boolean readableWhileBuilding() {
        return true;
    }

    @Override
    public TableWriter openWriter() {
        Connection writer = connector.open();
        try {
            return new PostgresTableWriter(writer, JdbcRunLedger.inProgress(PostgresLedger.TABLES, writer));
        } catch (SQLException e) {
            try {
                writer.close();
            } catch (SQLException ignored) {
                // the original error is reported
            }
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot open a writer on the target: " + PostgresErrors.describe(e),
                    e, PostgresErrors.isTransient(e));
        }
    }

    @Override
    public Optional<RunLedger> ledger() {
        return Optional.of(new JdbcRunLedger(connection, PostgresLedger.TABLES));
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original error is reported
        }
    }

    private void autocommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is unusable and will be closed
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}
