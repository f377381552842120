package dev.doppel.mysql;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RunLedger;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run ledger in two InnoDB tables of the target database, {@value #RUN} and {@value #CHUNKS}:
 * the run's fingerprint and phase, and the chunk plan with a "done" flag that
 * {@link MySqlTableWriter} sets in the same transaction as the chunk's rows. Like every other
 * table of the target they are listed by {@code existingObjects} and dropped by {@code --replace};
 * the run drops them when it completes.
 */
final class MySqlLedger implements RunLedger {
    static final String RUN = "_doppel_run";
    static final String CHUNKS = "_doppel_chunks";
    private static final String TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
            + " COMMENT='doppel: an unfinished run; dropped when it completes'";

    private final Connection connection;

    MySqlLedger(Connection connection) {
        this.connection = connection;
    }

    static boolean exists(Connection connection) throws SQLException {
        boolean[] exists = new boolean[1];
        Catalog.query(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = ?", row -> exists[0] = row.getInt(1) > 0, CHUNKS);
        return exists[0];
    }

    @Override
    public Optional<String> unfinishedRun() {
        return call(() -> {
            boolean[] exists = new boolean[1];
            Catalog.query(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME = ?", row -> exists[0] = row.getInt(1) > 0, RUN);
            if (!exists[0]) {
                return Optional.<String>empty();
            }
            String[] fingerprint = new String[1];
            Catalog.query(connection, "SELECT fingerprint FROM " + RUN, row -> fingerprint[0] = row.getString(1));
            return Optional.ofNullable(fingerprint[0]);
        });
    }

    @Override
    public void begin(String fingerprint) {
        call(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + RUN + " (fingerprint varchar(255) NOT NULL, phase varchar(32) NOT NULL,"
                        + " started_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)" + TABLE_OPTIONS);
                statement.execute("CREATE TABLE " + CHUNKS + " (table_schema varchar(64) NOT NULL, table_name varchar(64) NOT NULL,"
                        + " chunk_key varchar(500) NOT NULL, predicate text, stable boolean NOT NULL, ordinal int NOT NULL,"
                        + " done boolean NOT NULL DEFAULT false, row_count bigint,"
                        + " PRIMARY KEY (table_schema, table_name, chunk_key))" + TABLE_OPTIONS);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + RUN + " (fingerprint, phase) VALUES (?, ?)")) {
                insert.setString(1, fingerprint);
                insert.setString(2, Phase.SCHEMA.name());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Phase phase() {
        return call(() -> {
            String[] phase = new String[1];
            Catalog.query(connection, "SELECT phase FROM " + RUN, row -> phase[0] = row.getString(1));
            return Phase.valueOf(phase[0]);
        });
    }

    @Override
    public void phase(Phase phase) {
        call(() -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + RUN + " SET phase = ?")) {
                update.setString(1, phase.name());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void planChunks(Map<TableName, List<Chunk>> chunks) {
        call(() -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + CHUNKS
                    + " (table_schema, table_name, chunk_key, predicate, stable, ordinal) VALUES (?, ?, ?, ?, ?, ?)")) {
                int ordinal = 0;
                for (Map.Entry<TableName, List<Chunk>> table : chunks.entrySet()) {
                    for (Chunk chunk : table.getValue()) {
                        insert.setString(1, table.getKey().schema());
                        insert.setString(2, table.getKey().name());
                        insert.setString(3, chunk.key());
                        insert.setString(4, chunk.predicate());
                        insert.setBoolean(5, chunk.stable());
                        insert.setInt(6, ordinal++);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Map<TableName, List<Chunk>> plannedChunks() {
        return call(() -> {
            Map<TableName, List<Chunk>> chunks = new LinkedHashMap<>();
            Catalog.query(connection, "SELECT table_schema, table_name, chunk_key, predicate, stable FROM " + CHUNKS
                    + " ORDER BY ordinal", row -> chunks.computeIfAbsent(new TableName(row.getString(1), row.getString(2)),
                    k -> new ArrayList<>()).add(new Chunk(row.getString(3), row.getString(4), row.getBoolean(5))));
            return chunks;
        });
    }

    @Override
    public Set<String> finishedChunks() {
        return call(() -> {
            Set<String> finished = new HashSet<>();
            Catalog.query(connection, "SELECT table_schema, table_name, chunk_key, predicate, stable FROM " + CHUNKS
                    + " WHERE done", row -> finished.add(RunLedger.chunkId(new TableName(row.getString(1), row.getString(2)),
                    new Chunk(row.getString(3), row.getString(4), row.getBoolean(5)))));
            return finished;
        });
    }

    /**
     * Empties the table and forgets its finished chunks in one transaction: a DELETE rather than
     * TRUNCATE, which would commit on its own and could leave chunks marked done over an empty table.
     */
    @Override
    public void restartTable(TableName table) {
        call(() -> {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                 PreparedStatement update = connection.prepareStatement("UPDATE " + CHUNKS
                         + " SET done = false, row_count = NULL WHERE table_schema = ? AND table_name = ?")) {
                statement.execute("SET SESSION foreign_key_checks = 0");
                statement.execute("DELETE FROM " + Sql.ident(table.name()));
                update.setString(1, table.schema());
                update.setString(2, table.name());
                update.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET SESSION foreign_key_checks = 1");
                }
            }
            return null;
        });
    }

    @Override
    public void end() {
        call(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + CHUNKS + ", " + RUN);
            }
            return null;
        });
    }

    /** Marks a chunk done; runs inside the writer's transaction that holds the chunk's rows. */
    static void markDone(Connection writer, TableName table, Chunk chunk, long rows) throws SQLException {
        try (PreparedStatement update = writer.prepareStatement("UPDATE " + CHUNKS
                + " SET done = true, row_count = ? WHERE table_schema = ? AND table_name = ? AND chunk_key = ?")) {
            update.setLong(1, rows);
            update.setString(2, table.schema());
            update.setString(3, table.name());
            update.setString(4, chunk.key());
            if (update.executeUpdate() != 1) {
                throw new SQLException("chunk " + chunk.key() + " of " + table + " is not in the run's ledger", "HY000");
            }
        }
    }

    private interface SqlCall<T> {
        T run() throws SQLException;
    }

    private static <T> T call(SqlCall<T> body) {
        try {
            return body.run();
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot update the run ledger (" + RUN + ", " + CHUNKS
                    + ") on the target: " + MySqlErrors.describe(e), e, MySqlErrors.isTransient(e));
        }
    }
}
