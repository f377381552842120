package dev.doppel.postgres;

import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.engine.jdbc.LedgerTables;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The run ledger's tables in the target's schema {@value #SCHEMA}, which the run drops with
 * everything in it when it completes.
 */
final class PostgresLedger implements LedgerTables {
    static final PostgresLedger TABLES = new PostgresLedger();
    static final String SCHEMA = "_doppel";

    private PostgresLedger() {}

    @Override
    public String run() {
        return SCHEMA + ".run";
    }

    @Override
    public String chunks() {
        return SCHEMA + ".chunks";
    }

    @Override
    public List<String> create() {
        return List.of("CREATE SCHEMA " + SCHEMA,
                "CREATE TABLE " + run() + " (fingerprint text NOT NULL, phase text NOT NULL,"
                        + " started_at timestamptz NOT NULL DEFAULT now())",
                "CREATE TABLE " + chunks() + " (table_schema text, table_name text, chunk_key text, predicate text,"
                        + " stable boolean NOT NULL, ordinal integer NOT NULL, done boolean NOT NULL DEFAULT false,"
                        + " row_count bigint, PRIMARY KEY (table_schema, table_name, chunk_key))",
                "COMMENT ON SCHEMA " + SCHEMA + " IS 'doppel: an unfinished run; dropped when it completes'");
    }

    @Override
    public List<String> drop() {
        return List.of("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Override
    public boolean exists(Connection connection, String table) throws SQLException {
        boolean[] exists = new boolean[1];
        Jdbc.query(connection, "SELECT to_regclass(?) IS NOT NULL", row -> exists[0] = row.getBoolean(1), table);
        return exists[0];
    }

    /** TRUNCATE is transactional in PostgreSQL: it commits or rolls back with the done marks. */
    @Override
    public void empty(Connection connection, TableName table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + Sql.qualified(table));
        }
    }

    @Override
    public String internalErrorState() {
        return "XX000";
    }

    @Override
    public DoppelException failed(SQLException e) {
        return new DoppelException(ExitCode.RUN_FAILED, "Cannot update the run ledger (" + SCHEMA + ") on the target: "
                + PostgresErrors.describe(e), e, PostgresErrors.isTransient(e));
    }
}
