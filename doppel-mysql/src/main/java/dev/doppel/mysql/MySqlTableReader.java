package dev.doppel.mysql;

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
import java.util.stream.Collectors;

/**
 * Streams a table with a plain SELECT inside the reader's snapshot. The driver fetches rows in
 * small batches ({@code setFetchSize}), so memory stays bounded whatever the table size. Each
 * row is encoded in {@link RowText} form as it arrives: character values from the driver's
 * UTF-8 bytes, binary values as {@code \x} and hex, numbers and times as the server's text.
 */
final class MySqlTableReader implements TableReader {
    private static final int FETCH_ROWS = 1000;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Connection connection;
    private final String source;
    private final ByteSink row = new ByteSink(8192);

    MySqlTableReader(Connection connection, String source) {
        this.connection = connection;
        this.source = source;
    }

    @Override
    public void read(TableCopy copy, RowConsumer consumer) {
        read(copy, selectSql(copy), consumer);
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
            throw new DoppelException(ExitCode.RUN_FAILED, "Reading " + copy.table().name()
                    + (copy.chunk().isWhole() ? "" : " (chunk " + copy.chunk().key() + ")") + " from the source (" + source
                    + ") failed: " + MySqlErrors.describe(e) + (copy.where() == null ? "" : " (check its 'where' predicate)"),
                    e, MySqlErrors.isTransient(e));
        } catch (RuntimeException e) {
            // stop the server first: closing a streaming result set would read the rest of the table
            cancel(statement);
            throw e;
        } finally {
            close(rows, statement);
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

    private static void close(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception ignored) {
                // a cancelled or broken stream; the outcome is decided already
            }
        }
    }

    @Override
    public void close() {
        release(connection);
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
