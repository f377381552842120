package dev.doppel.mysql;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads tables through {@code LOAD DATA LOCAL INFILE} fed from a stream, or through multi-row
 * INSERTs where the target refuses local infile. Each table is loaded in its own transaction
 * with unique and foreign-key checks off (indexes and foreign keys come after the data anyway).
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
    private final ExecutorService loader;

    MySqlTableWriter(Connection connection, boolean loadData) {
        this.connection = connection;
        this.loadData = loadData;
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
        return loadData ? new LoadDataOutput(copy) : new InsertOutput(copy);
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

    static DoppelException failure(TableCopy copy, String reason, Throwable cause) {
        return new DoppelException(ExitCode.RUN_FAILED, "Writing " + copy.table().name()
                + (copy.chunk().isWhole() ? "" : " (chunk " + copy.chunk().key() + ")") + " to the target failed: " + reason,
                cause, cause instanceof SQLException sql && MySqlErrors.isTransient(sql));
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the original error is reported
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

    @Override
    public void close() {
        if (loader != null) {
            loader.shutdownNow();
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // closing anyway
        }
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
                connection.commit();
                return kept;
            } catch (ExecutionException e) {
                rollback();
                throw describe(e.getCause());
            } catch (SQLException e) {
                rollback();
                throw failure(copy, MySqlErrors.describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rollback();
                throw failure(copy, "interrupted", e);
            }
        }

        @Override
        public void abort() {
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
                connection.commit();
                return kept;
            } catch (SQLException e) {
                rollback();
                throw failure(copy, MySqlErrors.describe(e), e);
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
