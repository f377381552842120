package dev.doppel.core.engine.jdbc;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RunLedger;
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
 * The run ledger of an engine that speaks JDBC, in two tables of the target that the dialect
 * ({@link LedgerTables}) names and creates: the run's fingerprint and phase, and the chunk plan
 * with a done mark that the engine's writer sets with {@link #markDone} in the same transaction as
 * the chunk's rows.
 */
public final class JdbcRunLedger implements RunLedger {
    /**
     * Stored before the fingerprint: a ledger of another layout, left by another build of doppel,
     * then never matches a run's fingerprint, and {@code --resume} refuses it instead of failing
     * on a column it lacks.
     */
    static final String LAYOUT = "ledger/2 ";

    private final Connection connection;
    private final LedgerTables tables;

    public JdbcRunLedger(Connection connection, LedgerTables tables) {
        this.connection = connection;
        this.tables = tables;
    }

    @Override
    public Optional<String> unfinishedRun() {
        return call(() -> {
            if (!tables.exists(connection, tables.run())) {
                return Optional.<String>empty();
            }
            String[] fingerprint = new String[1];
            Jdbc.query(connection, "SELECT fingerprint FROM " + tables.run(), row -> fingerprint[0] = row.getString(1));
            return Optional.ofNullable(fingerprint[0]).map(stored -> stored.startsWith(LAYOUT)
                    ? stored.substring(LAYOUT.length()) : "another layout: " + stored);
        });
    }

    @Override
    public void begin(String fingerprint) {
        call(() -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : tables.create()) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.run()
                    + " (fingerprint, phase) VALUES (?, ?)")) {
                insert.setString(1, LAYOUT + fingerprint);
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
            Jdbc.query(connection, "SELECT phase FROM " + tables.run(), row -> phase[0] = row.getString(1));
            return Phase.valueOf(phase[0]);
        });
    }

    @Override
    public void phase(Phase phase) {
        call(() -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + tables.run() + " SET phase = ?")) {
                update.setString(1, phase.name());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void planChunks(Map<TableName, List<Chunk>> chunks) {
        call(() -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.chunks()
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
            Jdbc.query(connection, "SELECT table_schema, table_name, chunk_key, predicate, stable FROM " + tables.chunks()
                    + " ORDER BY ordinal", row -> chunks.computeIfAbsent(new TableName(row.getString(1), row.getString(2)),
                    k -> new ArrayList<>()).add(new Chunk(row.getString(3), row.getString(4), row.getBoolean(5))));
            return chunks;
        });
    }

    @Override
    public Set<String> finishedChunks() {
        return call(() -> {
            Set<String> finished = new HashSet<>();
            Jdbc.query(connection, "SELECT table_schema, table_name, chunk_key, predicate, stable FROM " + tables.chunks()
                    + " WHERE done", row -> finished.add(RunLedger.chunkId(new TableName(row.getString(1), row.getString(2)),
                    new Chunk(row.getString(3), row.getString(4), row.getBoolean(5)))));
            return finished;
        });
    }

    /** Empties the table and forgets its finished chunks in one transaction. */
    @Override
    public void restartTable(TableName table) {
        call(() -> {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + tables.chunks()
                    + " SET done = false, row_count = NULL WHERE table_schema = ? AND table_name = ?")) {
                tables.empty(connection, table);
                update.setString(1, table.schema());
                update.setString(2, table.name());
                update.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    @Override
    public void end() {
        call(() -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : tables.drop()) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    /** True when a writer on this connection is to mark its chunks done: a run with a ledger is in progress. */
    public static boolean inProgress(LedgerTables tables, Connection writer) throws SQLException {
        return tables.exists(writer, tables.chunks());
    }

    /**
     * Marks a chunk done. Runs inside the writer's transaction that holds the chunk's rows, so that
     * both commit or neither does; a chunk missing from the ledger fails that transaction.
     */
    public static void markDone(LedgerTables tables, Connection writer, TableName table, Chunk chunk, long rows)
            throws SQLException {
        try (PreparedStatement update = writer.prepareStatement("UPDATE " + tables.chunks()
                + " SET done = true, row_count = ? WHERE table_schema = ? AND table_name = ? AND chunk_key = ?")) {
            update.setLong(1, rows);
            update.setString(2, table.schema());
            update.setString(3, table.name());
            update.setString(4, chunk.key());
            if (update.executeUpdate() != 1) {
                throw new SQLException("chunk " + chunk.key() + " of " + table + " is not in the run's ledger",
                        tables.internalErrorState());
            }
        }
    }

    private interface SqlCall<T> {
        T run() throws SQLException;
    }

    private <T> T call(SqlCall<T> body) {
        try {
            return body.run();
        } catch (SQLException e) {
            throw tables.failed(e);
        }
    }
}
