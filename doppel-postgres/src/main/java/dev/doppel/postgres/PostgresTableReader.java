package dev.doppel.postgres;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.text.RowFormat;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * {@code COPY … TO STDOUT} in text format, or binary where both sides speak it ({@link
 * BinaryRows}), one row per message, inside the shared snapshot. Every read is a transaction of its
 * own that joins the snapshot again, so that the table's ACCESS SHARE lock is let go as soon as the
 * read ends. A reader of a target read back for verification while its indexes are built goes
 * further ({@link #slicePages}): it reads a whole table in ranges of pages, each a transaction of
 * its own, so that the ALTER TABLE that takes an index over as a primary key waits for one range,
 * not for the table (and everything queued on the table behind that ALTER with it).
 */
final class PostgresTableReader implements TableReader {
    /** Starts a transaction in the shared snapshot. */
    interface SnapshotJoin {
        void join(Connection connection);
    }

    private final Connection connection;
    private final Set<TableName> partitioned;
    private final SnapshotJoin snapshot;
    private final BinaryLayout binary;
    private final long slicePages;
    private boolean joined = true;
    private boolean broken;

    /** How the source's tables can be read in binary ({@link PostgresSchemaReader#binaryFields}). */
    record BinaryLayout(Map<TableName, Map<String, BinaryField>> tables, int serverMajor) {
        static final BinaryLayout NONE = new BinaryLayout(Map.of(), 0);
    }

    /**
     * @param connection in a transaction of the shared snapshot already, for the first read
     * @param slicePages pages per transaction when a whole table is read; 0 to read every table in
     *     one. Only for a server that scans a range of pages directly (PostgreSQL 14 and later).
     */
    PostgresTableReader(Connection connection, Set<TableName> partitioned, SnapshotJoin snapshot, BinaryLayout binary,
                        long slicePages) {
        this.connection = connection;
        this.partitioned = partitioned;
        this.snapshot = snapshot;
        this.binary = binary;
        this.slicePages = slicePages;
    }

    PostgresTableReader(Connection connection, Set<TableName> partitioned, SnapshotJoin snapshot) {
        this(connection, partitioned, snapshot, BinaryLayout.NONE, 0);
    }

    /**
     * Binary COPY when every column's type is safe to copy in binary; a column read as NULL is
     * always safe, whatever its type.
     */
    @Override
    public RowFormat fasterFormat(TableCopy copy) {
        Map<String, BinaryField> fields = binary.tables().get(copy.table().name());
        if (fields == null) {
            return null;
        }
        List<BinaryField> layout = new ArrayList<>(copy.columns().size());
        for (Column column : copy.columns()) {
            BinaryField field = fields.get(column.name());
            if (field == null && !copy.readsAsNull(column)) {
                return null;
            }
            layout.add(field == null ? BinaryField.OPAQUE : field);
        }
        return new BinaryRows(layout, binary.serverMajor());
    }

    private void join() {
        if (!joined) {
            snapshot.join(connection);
            joined = true;
        }
    }

    @Override
    public void read(TableCopy copy, RowConsumer consumer) {
        ranges(copy).forEach(range -> readOnce(copy.withChunk(range), consumer));
    }

    /** The page ranges a read-back reader reads a whole table in; the whole table otherwise. */
    @Override
    public List<Chunk> parts(TableCopy copy) {
        if (!sliced(copy)) {
            return List.of(copy.chunk());
        }
        List<Chunk> slices = slices(copy);
        try {
            endTransaction();
        } catch (SQLException e) {
            cancel(null);
            throw new DoppelException(ExitCode.RUN_FAILED, "Reading " + copy.table().name() + " failed: "
                    + PostgresErrors.describe(e), e, PostgresErrors.isTransient(e));
        }
        return slices;
    }

    /** {@code count} of each column on the server, range by range when the reader slices whole tables. */
    @Override
    public long[] countNonNull(TableCopy copy) {
        long[] counts = new long[copy.columns().size()];
        if (counts.length == 0) {
            return counts;
        }
        ranges(copy).forEach(range -> countOnce(copy.withChunk(range), counts));
        return counts;
    }

    private void countOnce(TableCopy copy, long[] counts) {
        join();
        TableName name = copy.table().name();
        String predicate = copy.predicate();
        String sql = "SELECT " + copy.columns().stream().map(c -> "count(" + Sql.ident(c.name()) + ")")
                .collect(Collectors.joining(", ")) + " FROM " + (partitioned.contains(name) ? "" : "ONLY ")
                + Sql.qualified(name) + (predicate == null ? "" : " WHERE " + predicate);
        try {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                for (int i = 0; i < counts.length; i++) {
                    counts[i] += rows.getLong(i + 1);
                }
            }
            endTransaction();
        } catch (SQLException e) {
            cancel(null);
            throw new DoppelException(ExitCode.RUN_FAILED, "Counting the values of " + name + " failed: "
                    + PostgresErrors.describe(e), e, PostgresErrors.isTransient(e));
        }
    }

    /** Whether this reader reads the copy's whole table in ranges of pages. */
    private boolean sliced(TableCopy copy) {
        return slicePages > 0 && copy.chunk().isWhole() && !partitioned.contains(copy.table().name());
    }

    /** What a read of the copy takes, one transaction each: its {@link #slices} or its own chunk. */
    private List<Chunk> ranges(TableCopy copy) {
        return sliced(copy) ? slices(copy) : List.of(copy.chunk());
    }

    /** The table's pages now, in ranges of about {@link #slicePages}; in the transaction of the first. */
    private List<Chunk> slices(TableCopy copy) {
        join();
        try {
            long pages = PostgresChunker.pages(connection, copy.table().name());
            return PostgresChunker.pageRanges(pages, (int) Math.min(Integer.MAX_VALUE, (pages + slicePages - 1) / slicePages));
        } catch (SQLException e) {
            cancel(null);
            throw new DoppelException(ExitCode.RUN_FAILED, "Reading " + copy.table().name() + " failed: "
                    + PostgresErrors.describe(e), e, PostgresErrors.isTransient(e));
        }
    }

    private void readOnce(TableCopy copy, RowConsumer consumer) {
        join();
        String sql = copySql(copy);
        CopyOut out = null;
        try {
            out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            if (copy.isText()) {
                byte[] row;
                while ((row = out.readFromCopy()) != null) {
                    consumer.accept(row, 0, row.length);
                }
            } else {
                readBinary(out, consumer);
            }
            endTransaction();
        } catch (SQLException e) {
            cancel(out);
            throw new DoppelException(ExitCode.RUN_FAILED, "Reading " + copy.table().name() + " from the source failed: "
                    + PostgresErrors.describe(e) + (copy.where() == null ? "" : " (check its 'where' predicate)"), e,
                    PostgresErrors.isTransient(e));
        } catch (RuntimeException e) {
            cancel(out);
            throw e;
        }
    }

    /**
     * Hands on the rows of a binary COPY without the stream's header and trailer. The server
     * sends each row in a message of its own, the header in front of the first row (or of the
     * trailer, when there is none), and the trailer alone.
     */
    private static void readBinary(CopyOut out, RowConsumer consumer) throws SQLException {
        byte[] message = out.readFromCopy();
        int from = message == null ? 0 : BinaryRows.headerLength(message);
        while (message != null) {
            if (BinaryRows.isTrailer(message, from)) {
                from = message.length;
            }
            if (from < message.length) {
                consumer.accept(message, from, message.length - from);
            }
            message = out.readFromCopy();
            from = 0;
        }
    }

    /** A column read as NULL ({@link TableCopy#readAsNull}) is a NULL literal in the SELECT form. */
    String copySql(TableCopy copy) {
        String columns = copy.columns().stream().map(c -> copy.readsAsNull(c) ? "NULL" : Sql.ident(c.name()))
                .collect(Collectors.joining(", "));
        TableName name = copy.table().name();
        boolean isPartitioned = partitioned.contains(name);
        String predicate = copy.predicate();
        if (predicate == null && !isPartitioned && copy.readAsNull().isEmpty()) {
            return "COPY " + Sql.qualified(name) + " (" + columns + ") TO STDOUT" + BinaryRows.copyOption(copy);
        }
        return "COPY (SELECT " + columns + " FROM " + (isPartitioned ? "" : "ONLY ") + Sql.qualified(name)
                + (predicate == null ? "" : " WHERE " + predicate) + ") TO STDOUT" + BinaryRows.copyOption(copy);
    }

    private void endTransaction() throws SQLException {
        joined = false;
        connection.rollback();
    }

    /**
     * Ends a COPY that failed, and its transaction; when it cannot be cancelled the connection is
     * unusable and only closed.
     */
    private void cancel(CopyOut out) {
        if (out != null && out.isActive()) {
            try {
                out.cancelCopy();
            } catch (SQLException e) {
                broken = true;
            }
        }
        if (!broken) {
            try {
                endTransaction();
            } catch (SQLException e) {
                broken = true;
            }
        }
    }

    @Override
    public void close() {
        if (broken) {
            PostgresConnector.abort(connection);
            return;
        }
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // read-only: nothing to lose
        }
    }
}
