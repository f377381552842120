package dev.doppel.mysql;

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
 * The run ledger's tables: two InnoDB tables of the target database, {@value #RUN} and
 * {@value #CHUNKS}. Like every other table of the target they are listed by {@code
 * existingObjects} and dropped by {@code --replace}; the run drops them when it completes.
 */
final class MySqlLedger implements LedgerTables {
    static final MySqlLedger TABLES = new MySqlLedger();
    static final String RUN = "_doppel_run";
    static final String CHUNKS = "_doppel_chunks";
    private static final String TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
            + " COMMENT='doppel: an unfinished run; dropped when it completes'";

    private MySqlLedger() {}

    @Override
    public String run() {
        return RUN;
    }

    @Override
    public String chunks() {
        return CHUNKS;
    }

    @Override
    public List<String> create() {
        return List.of("CREATE TABLE " + RUN + " (fingerprint varchar(255) NOT NULL, phase varchar(32) NOT NULL,"
                        + " started_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)" + TABLE_OPTIONS,
                "CREATE TABLE " + CHUNKS + " (table_schema varchar(64) NOT NULL, table_name varchar(64) NOT NULL,"
                        + " chunk_key varchar(500) NOT NULL, predicate text, stable boolean NOT NULL, ordinal int NOT NULL,"
                        + " done boolean NOT NULL DEFAULT false, row_count bigint,"
                        + " PRIMARY KEY (table_schema, table_name, chunk_key))" + TABLE_OPTIONS);
    }

    @Override
    public List<String> drop() {
        return List.of("DROP TABLE IF EXISTS " + CHUNKS + ", " + RUN);
    }

    @Override
    public boolean exists(Connection connection, String table) throws SQLException {
        boolean[] exists = new boolean[1];
        Jdbc.query(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = ?", row -> exists[0] = row.getInt(1) > 0, table);
        return exists[0];
    }

    /**
     * A DELETE rather than TRUNCATE, which would commit on its own and could leave chunks marked
     * done over an empty table; with the foreign key checks off, as for the load.
     */
    @Override
    public void empty(Connection connection, TableName table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION foreign_key_checks = 0");
            try {
                statement.execute("DELETE FROM " + Sql.ident(table.name()));
            } finally {
                statement.execute("SET SESSION foreign_key_checks = 1");
            }
        }
    }

    @Override
    public String internalErrorState() {
        return "HY000";
    }

    @Override
    public DoppelException failed(SQLException e) {
        return new DoppelException(ExitCode.RUN_FAILED, "Cannot update the run ledger (" + RUN + ", " + CHUNKS
                + ") on the target: " + MySqlErrors.describe(e), e, MySqlErrors.isTransient(e));
    }
}
