package dev.doppel.mysql;

import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.engine.jdbc.JdbcRunLedger;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads tables through {@code LOAD DATA LOCAL INFILE} fed from a stream, or through multi-row
 * INSERTs where the target refuses local infile. Each chunk is loaded in its own transaction
 * with unique and foreign-key checks off (indexes and foreign keys come after the data anyway);
 * when the target keeps a run ledger, the chunk's "done" mark commits in that same transaction.
 * A table of an engine without transactions (MyISAM, Aria, MEMORY) keeps whatever part of a
 * failed load reached it, so before a chunk is loaded into one, the rows of the chunk's range are
 * deleted: a retried or resumed chunk never duplicates a row.
 *
 * <p>LOAD DATA is a single blocking statement that pulls its rows from an InputStream, while
 * the copy pushes batches of rows: the statement runs on this writer's loader thread and reads
 * from a {@link FeedStream} the copy fills. With LOCAL the server cannot stop the transfer, so
 * it turns data errors and duplicate keys into warnings; every load is therefore checked
 * afterwards for warnings and for the number of rows kept, and fails when either is off.
 */
final class MySqlTableWriter implements TableWriter {
    private final Connection connection;
    private final boolean loadData;
    private final boolean ledger;
    private final ExecutorService loader;
    private final Map<String, Boolean> transactional = new HashMap<>();
    private volatile boolean broken;

    MySqlTableWriter(Connection connection, boolean loadData, boolean ledger) {
        this.connection = connection;
        this.loadData = loadData;
        this.ledger = ledger;
        this.loader = loadData ? Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "doppel-mysql-load");
            thread.setDaemon(true);
            return thread;
        }) : null;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            close();
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot prepare a writer on the target: " + MySqlErrors.describe(e), e,
                    MySqlErrors.isTransient(e));
        }
    }

    @Override
    public RowOutput begin(TableCopy copy) {
        try {
            if (!transactional(copy.table().name().name())) {
                clearChunk(copy);
            }
        } catch (SQLException e) {
            DoppelException failure = failure(copy, MySqlErrors.describe(e), e);
            rollback();
            throw failure;
        }
        return loadData ? new LoadDataOutput(copy) : new InsertOutput(copy);
    }

    /** True when the target table's engine has transactions; asked once per table. */
    private boolean transactional(String table) throws SQLException {
        Boolean known = transactional.get(table);
        if (known == null) {
            boolean[] answer = {true};
            Jdbc.query(connection, "SELECT e.TRANSACTIONS FROM information_schema.TABLES t JOIN information_schema.ENGINES e"
                    + " ON e.ENGINE = t.ENGINE WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_NAME = ?",
                    row -> answer[0] = "YES".equalsIgnoreCase(row.getString(1)), table);
            known = answer[0];
            transactional.put(table, known);
        }
        return known;
    }

    /**
     * Deletes what an earlier attempt left of the chunk in a table without transactions. Only the
     * whole table and this engine's own key ranges can be selected in SQL; a chunk from another
     * source (a snapshot's data file) cannot, so a retry of it into such a table is not cleared.
     */
    private void clearChunk(TableCopy copy) throws SQLException {
        if (!copy.chunk().isWhole() && !MySqlChunker.isKeyRange(copy.chunk())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            statement.executeLargeUpdate("DELETE FROM " + Sql.ident(copy.table().name().name())
                    + (copy.chunk().isWhole() ? "" : " WHERE " + copy.chunk().predicate()));
        }
        connection.commit();
    }

    /** Marks the chunk done in the open transaction, when the target keeps a ledger, then commits. */
    private void commit(TableCopy copy, long rows) throws SQLException {
        if (ledger) {
            JdbcRunLedger.markDone(MySqlLedger.TABLES, connection, copy.table().name(), copy.chunk(), rows);
        }
        connection.commit();
    }

    /** The LOAD DATA statement for the copy's columns: hex-travelling columns go through a variable and UNHEX. */
    static String loadDataSql(TableCopy copy) {
        List<String> targets = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        int variable = 0;
        for (Column column : copy.columns()) {
            if (MySqlTypes.isHex(MySqlTypes.dataType(column.nativeType()))) {
                String name = "@v" + variable++;
                targets.add(name);
                sets.add(Sql.ident(column.name()) + " = IF(HEX(LEFT(" + name + ", 2)) = '5C78', UNHEX(SUBSTRING(" + name
                        + ", 3)), CAST(" + name + " AS BINARY))");
            } else {
                targets.add(Sql.ident(column.name()));
            }
        }
        return "LOAD DATA LOCAL INFILE 'doppel.tsv' INTO TABLE " + Sql.ident(copy.table().name().name())
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                + " (" + String.join(", ", targets) + ")" + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
    }

    /** The failure of a chunk; a transient one (a lost or killed connection) leaves the connection unusable. */
    private DoppelException failure(TableCopy copy, String reason, Throwable cause) {
        boolean transientFailure = cause instanceof SQLException sql && MySqlErrors.isTransient(sql);
        if (transientFailure) {
            broken = true;
        }
        return new DoppelException(ExitCode.RUN_FAILED, "Writing " + copy.table().name()
                + (copy.chunk().isWhole() ? "" : " (chunk " + copy.chunk().key() + ")") + " to the target failed: " + reason,
                cause, transientFailure);
    }

    private void rollback() {
        if (broken) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            broken = true;
        }
    }

    /**
     * Fails when the last load left warnings (values the server changed or rows it skipped), or
     * kept another number of rows than were sent. Warning texts are shown without the values
     * they quote.
     */
    private void check(TableCopy copy, long sent, long kept) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW WARNINGS LIMIT 3")) {
            while (rows.next()) {
                if (!"Note".equalsIgnoreCase(rows.getString(1))) {
                    problems.add(MySqlErrors.describe(new SQLException(rows.getString(3), null, rows.getInt(2))));
                }
            }
        }
        if (!problems.isEmpty() || sent != kept) {
            throw new SQLException("the target kept " + kept + " of " + sent + " rows"
                    + (problems.isEmpty() ? "" : " and warned: " + String.join("; ", problems))
                    + ". Check that the masked values fit their columns and keep unique keys unique", "22000");
        }
    }

    /**
     * Rolls back and closes. A connection a failure left unusable (the server killed it, the
     * network dropped it) is aborted instead: the loader thread may still hold the driver's lock
     * on it, and waiting for that could take as long as the network's timeouts. The server rolls
     * back what the connection had not committed.
     */
    @Override
    public void close() {
        if (loader != null) {
            loader.shutdownNow();
        }
        if (broken) {
            MySqlConnector.abort(connection);
            return;
        }
        rollback();
        MySqlConnector.close(connection);
    }

    private final class LoadDataOutput implements RowOutput {
        private final TableCopy copy;
        private final FeedStream stream;
        private final Future<Long> load;
        private long rows;

        LoadDataOutput(TableCopy copy) {
            this.copy = copy;
            Future<?>[] self = new Future<?>[1];
            this.stream = new FeedStream(() -> self[0] != null && self[0].isDone());
            String sql = loadDataSql(copy);
            this.load = loader.submit(() -> {
                try (Statement statement = connection.createStatement()) {
                    statement.setEscapeProcessing(false);
                    statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(stream);
                    return statement.executeLargeUpdate(sql);
                }
            });
            self[0] = load;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    rows++;
                }
            }
            try {
                if (!stream.offer(buffer, offset, length)) {
                    throw outcome();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(copy, "interrupted", e);
            }
        }

        /** The loader stopped before the data ended: its failure, or an internal error. */
        private DoppelException outcome() {
            try {
                load.get();
                return new DoppelException(ExitCode.INTERNAL, "LOAD DATA for " + copy.table().name()
                        + " ended before its rows did");
            } catch (ExecutionException e) {
                return describe(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure(copy, "interrupted", e);
            }
        }

        private DoppelException describe(Throwable cause) {
            return cause instanceof SQLException sql ? failure(copy, MySqlErrors.describe(sql), sql)
                    : failure(copy, cause.getClass().getSimpleName(), cause);
        }

        @Override
        public long finish() {
            try {
                stream.end();
                long kept = load.get();
                check(copy, rows, kept);
                commit(copy, kept);
                return kept;
            } catch (ExecutionException e) {
                DoppelException failure = describe(e.getCause());
                rollback();
                throw failure;
            } catch (SQLException e) {
                DoppelException failure = failure(copy, MySqlErrors.describe(e), e);
                rollback();
                throw failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rollback();
                throw failure(copy, "interrupted", e);
            }
        }

        @Override
        public void abort() {
            if (broken) {
                return;
            }
            try {
                stream.end();
                load.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // abandoning the load; its own failure, if any, is not the one to report
            }
            rollback();
        }
    }

    private final class InsertOutput implements RowOutput {
        private final TableCopy copy;
        private final InsertBuilder builder;
        private long rows;
        private long kept;

        InsertOutput(TableCopy copy) {
            this.copy = copy;
            this.builder = new InsertBuilder(copy);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            int start = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (buffer[i] == '\n') {
                    builder.add(buffer, start, i);
                    rows++;
                    start = i + 1;
                    if (builder.full()) {
                        flush();
                    }
                }
            }
        }

        private void flush() {
            if (builder.isEmpty()) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                kept += statement.executeLargeUpdate(builder.take());
            } catch (SQLException e) {
                throw failure(copy, MySqlErrors.describe(e), e);
            }
        }

        @Override
        public long finish() {
            try {
                flush();
                check(copy, rows, kept);
                commit(copy, kept);
                return kept;
            } catch (SQLException e) {
                DoppelException failure = failure(copy, MySqlErrors.describe(e), e);
                rollback();
                throw failure;
            } catch (RuntimeException e) {
                rollback();
                throw e;
            }
        }

        @Override
        public void abort() {
            rollback();
        }
    }
}
