package dev.doppel.postgres;

import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * {@code COPY … TO STDOUT} in text format, one row per message, inside the shared snapshot. Every
 * read is a transaction of its own that joins the snapshot again, so that the table's ACCESS SHARE
 * lock is let go as soon as the read ends: a target read back for verification while its indexes
 * are built never holds up the ALTER TABLE that takes an index over as a primary key.
 */
final class PostgresTableReader implements TableReader {
    /** Starts a transaction in the shared snapshot. */
    interface SnapshotJoin {
        void join(Connection connection);
    }

    private final Connection connection;
    private final Set<TableName> partitioned;
    private final SnapshotJoin snapshot;
    private boolean joined = true;
    private boolean broken;

    /** @param connection in a transaction of the shared snapshot already, for the first read */
    PostgresTableReader(Connection connection, Set<TableName> partitioned, SnapshotJoin snapshot) {
        this.connection = connection;
        this.partitioned = partitioned;
        this.snapshot = snapshot;
    }

    private void join() {
        if (!joined) {
            snapshot.join(connection);
            joined = true;
        }
    }

    @Override
    public void read(TableCopy copy, RowConsumer consumer) {
        join();
        String sql = copySql(copy);
        CopyOut out = null;
        try {
            out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            byte[] row;
            while ((row = out.readFromCopy()) != null) {
                consumer.accept(row, 0, row.length);
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

    /** A column read as NULL ({@link TableCopy#readAsNull}) is a NULL literal in the SELECT form. */
    String copySql(TableCopy copy) {
        String columns = copy.columns().stream().map(c -> copy.readsAsNull(c) ? "NULL" : Sql.ident(c.name()))
                .collect(Collectors.joining(", "));
        TableName name = copy.table().name();
        boolean isPartitioned = partitioned.contains(name);
        String predicate = copy.predicate();
        if (predicate == null && !isPartitioned && copy.readAsNull().isEmpty()) {
            return "COPY " + Sql.qualified(name) + " (" + columns + ") TO STDOUT";
        }
        return "COPY (SELECT " + columns + " FROM " + (isPartitioned ? "" : "ONLY ") + Sql.qualified(name)
                + (predicate == null ? "" : " WHERE " + predicate) + ") TO STDOUT";
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
