package dev.doppel.mysql;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import dev.doppel.core.text.ByteSink;
import dev.doppel.core.text.RowText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Streams a table with a plain SELECT inside the reader's snapshot. The driver fetches rows in
 * small batches ({@code setFetchSize}), so memory stays bounded whatever the table size. Each
 * row is encoded in {@link RowText} form as it arrives: character values from the driver's
 * UTF-8 bytes, binary values as {@code \x} and hex, numbers and times as the server's text.
 *
 * <p>A reader from the source's shared instant is handed back to the source when it is closed
 * with its connection intact, so that a chunk tried again after the target failed reads in the
 * same snapshot. A read stopped from the inside (the target failed while the rows streamed) lets
 * the chunk's remaining rows stream past rather than kill the statement, which could hit the
 * connection's next statement instead; a read of a whole table is too long for that and is
 * killed, and its connection closed.
 *
 * <p>A reader in autocommit mode may be told to read a whole table in ranges of its key ({@link
 * #sliceKeys}), each range a statement of its own: a statement holds its table's metadata lock
 * until its last row is sent, and an {@code ALTER TABLE} that needs the lock exclusively, as an
 * online index build does at its start and its end, then waits for one range instead of for the
 * whole table. A table without an integer key is still read in one statement.
 */
final class MySqlTableReader implements TableReader {
    private static final int FETCH_ROWS = 1000;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Connection connection;
    private final String source;
    private final ByteSink row = new ByteSink(8192);
    private final Consumer<Connection> giveBack;
    private final long sliceKeys;
    private boolean intact = true;

    /**
     * @param giveBack takes the connection back when the reader is closed intact; null to close it
     * @param sliceKeys key values per statement when a whole table is read; 0 to read every table in
     *     one statement, as a reader in a snapshot transaction must (its ranges gain nothing)
     */
    MySqlTableReader(Connection connection, String source, Consumer<Connection> giveBack, long sliceKeys) {
        this.connection = connection;
        this.source = source;
        this.giveBack = giveBack;
        this.sliceKeys = sliceKeys;
    }

    @Override
    public void read(TableCopy copy, RowConsumer consumer) {
        for (Chunk part : parts(copy)) {
            TableCopy range = copy.withChunk(part);
            read(range, selectSql(range), consumer);
        }
    }

    /** The key ranges a read-back reader reads a whole table in, a statement each; the copy's own chunk otherwise. */
    @Override
    public List<Chunk> parts(TableCopy copy) {
        return sliceKeys > 0 && copy.chunk().isWhole() ? slices(copy) : List.of(copy.chunk());
    }

    /** {@code COUNT} of each column on the server, range by range when the reader slices whole tables. */
    @Override
    public long[] countNonNull(TableCopy copy) {
        long[] counts = new long[copy.columns().size()];
        if (counts.length == 0) {
            return counts;
        }
        for (Chunk part : parts(copy)) {
            count(copy.withChunk(part), counts);
        }
        return counts;
    }

    private void count(TableCopy copy, long[] counts) {
        String sql = "SELECT " + copy.columns().stream().map(c -> "COUNT(" + Sql.ident(c.name()) + ")")
                .collect(Collectors.joining(", ")) + " FROM " + Sql.qualified(copy.table().name())
                + (copy.predicate() == null ? "" : " WHERE " + copy.predicate());
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                for (int i = 0; i < counts.length; i++) {
                    counts[i] += rows.getLong(i + 1);
                }
            }
        } catch (SQLException e) {
            intact = false;
            throw new DoppelException(ExitCode.RUN_FAILED, "Counting the values of " + copy.table().name() + " in "
                    + source + " failed: " + MySqlErrors.describe(e), e, MySqlErrors.isTransient(e));
        }
    }

    private List<Chunk> slices(TableCopy copy) {
        try {
            return new MySqlChunker(connection).readRanges(copy.table(), sliceKeys);
        } catch (SQLException e) {
            intact = false;
            throw new DoppelException(ExitCode.RUN_FAILED, "Reading " + copy.table().name() + " from " + source
                    + " failed: " + MySqlErrors.describe(e), e, MySqlErrors.isTransient(e));
        }
    }

    /**
     * At most {@code rows} rows for the scanner and pre-flight, values longer than
     * {@value #LONGEST_SAMPLED} bytes as NULL (they look at none longer), so that sampling a table
     * of large documents does not read the documents.
     */
    void sample(TableCopy copy, int rows, RowConsumer consumer) {
        String columns = copy.columns().stream().map(c -> {
            String column = selected(c);
            return switch (c.kind()) {
                case TEXT, BINARY, JSON, OTHER -> "IF(LENGTH(" + Sql.ident(c.name()) + ") > " + LONGEST_SAMPLED + ", NULL, "
                        + column + ")";
                default -> column;
            };
        }).collect(Collectors.joining(", "));
        read(copy, "SELECT " + columns + " FROM " + Sql.qualified(copy.table().name()) + " LIMIT " + rows, consumer);
    }

    /** Sampled values longer than this are NULL. */
    static final int LONGEST_SAMPLED = 1 << 16;

    private void read(TableCopy copy, String sql, RowConsumer consumer) {
        List<Column> columns = copy.columns();
        MySqlTypes.Transfer[] transfers = new MySqlTypes.Transfer[columns.size()];
        for (int i = 0; i < transfers.length; i++) {
            transfers[i] = MySqlTypes.transfer(MySqlTypes.dataType(columns.get(i).nativeType()));
        }
        Statement statement = null;
        ResultSet rows = null;
        try {
            statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setEscapeProcessing(false);
            statement.setFetchSize(FETCH_ROWS);
            rows = statement.executeQuery(sql);
            while (rows.next()) {
                encode(rows, transfers);
                consumer.accept(row.array(), 0, row.size());
            }
        } catch (SQLException e) {
            intact = false;
            throw new DoppelException(ExitCode.RUN_FAILED, "Reading " + copy.table().name()
                    + (copy.chunk().isWhole() ? "" : " (chunk " + copy.chunk().key() + ")") + " from the source (" + source
                    + ") failed: " + MySqlErrors.describe(e) + (copy.where() == null ? "" : " (check its 'where' predicate)"),
                    e, MySqlErrors.isTransient(e));
        } catch (RuntimeException e) {
            if (copy.chunk().isWhole()) {
                // stop the server first: closing a streaming result set would read the rest of the table
                intact = false;
                cancel(statement);
            }
            throw e;
        } finally {
            if (!close(rows, statement)) {
                intact = false;
            }
        }
    }

    /**
     * Numbers, dates and times are selected as {@code CAST(… AS CHAR)}: the same text the server
     * would send for them, which the driver then hands over as bytes instead of parsing a
     * timestamp into a Java object and formatting it back (a fifth of the reader's time).
     */
    static String selectSql(TableCopy copy) {
        String columns = copy.columns().stream().map(c -> copy.readsAsNull(c) ? "NULL" : selected(c))
                .collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + Sql.qualified(copy.table().name())
                + (copy.predicate() == null ? "" : " WHERE " + copy.predicate());
    }

    private static String selected(Column column) {
        return MySqlTypes.transfer(MySqlTypes.dataType(column.nativeType())) == MySqlTypes.Transfer.STRING
                ? "CAST(" + Sql.ident(column.name()) + " AS CHAR)" : Sql.ident(column.name());
    }

    private void encode(ResultSet rows, MySqlTypes.Transfer[] transfers) throws SQLException {
        row.reset();
        for (int i = 0; i < transfers.length; i++) {
            if (i > 0) {
                row.write(RowText.DELIMITER);
            }
            switch (transfers[i]) {
                case TEXT_BYTES, STRING -> RowText.encodeUtf8(rows.getBytes(i + 1), row);
                case HEX -> {
                    byte[] bytes = rows.getBytes(i + 1);
                    if (bytes == null) {
                        writeNull();
                    } else {
                        writeHex(bytes);
                    }
                }
            }
        }
        row.write(RowText.END);
    }

    private void writeNull() {
        row.write((byte) '\\');
        row.write((byte) 'N');
    }

    /** {@code \x} and lower-case hex; the backslash itself escaped, as RowText needs. */
    private void writeHex(byte[] bytes) {
        row.write((byte) '\\');
        row.write((byte) '\\');
        row.write((byte) 'x');
        for (byte b : bytes) {
            row.write(HEX[(b >> 4) & 0xf]);
            row.write(HEX[b & 0xf]);
        }
    }

    private static void cancel(Statement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the run is failing already; the original error is the one to report
        }
    }

    /** @return false when one of them failed to close: a cancelled or broken stream */
    private static boolean close(AutoCloseable... resources) {
        boolean closed = true;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                closed = false;
            }
        }
        return closed;
    }

    @Override
    public void close() {
        if (intact && giveBack != null) {
            giveBack.accept(connection);
        } else {
            release(connection);
        }
    }

    /** Ends the read-only transaction and closes the connection. */
    static void release(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // read-only: nothing to lose
        }
        MySqlConnector.close(connection);
    }
}
