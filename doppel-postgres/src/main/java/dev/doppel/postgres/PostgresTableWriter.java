package dev.doppel.postgres;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.engine.jdbc.JdbcRunLedger;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.text.RowFormat;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code COPY … FROM STDIN} in text format, or binary ({@link BinaryRows}). Each chunk is loaded in
 * its own transaction; when the target keeps a run ledger, the chunk's "done" mark commits in that
 * same transaction.
 */
final class PostgresTableWriter implements TableWriter {
    private final Connection connection;
    private final boolean ledger;
    private boolean broken;

    PostgresTableWriter(Connection connection, boolean ledger) {
        this.connection = connection;
        this.ledger = ledger;
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot start a transaction on the target: "
                    + PostgresErrors.describe(e), e, PostgresErrors.isTransient(e));
        }
    }

    /** Binary rows from a source of the target's major version, whose binary forms are the target's. */
    @Override
    public boolean takes(RowFormat format) {
        if (format instanceof BinaryRows binary) {
            try {
                return binary.serverMajor() == connection.getMetaData().getDatabaseMajorVersion();
            } catch (SQLException e) {
                return false;
            }
        }
        return TableWriter.super.takes(format);
    }

    @Override
    public RowOutput begin(TableCopy copy) {
        String sql = "COPY " + Sql.qualified(copy.table().name()) + " ("
                + copy.columns().stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", ")) + ") FROM STDIN"
                + BinaryRows.copyOption(copy);
        try {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            if (!copy.isText()) {
                in.writeToCopy(BinaryRows.HEADER, 0, BinaryRows.HEADER.length);
            }
            return new Output(in, copy);
        } catch (SQLException e) {
            rollback();
            throw failure(copy, e);
        }
    }

    private static DoppelException failure(TableCopy copy, SQLException e) {
        return new DoppelException(ExitCode.RUN_FAILED, "Writing " + copy.table().name()
                + (copy.chunk().isWhole() ? "" : " (chunk " + copy.chunk().key() + ")") + " to the target failed: "
                + PostgresErrors.describe(e), e, PostgresErrors.isTransient(e));
    }

    private void rollback() {
        if (broken) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            broken = true;
        }
    }

    /**
     * Ends a COPY that failed. When the driver cannot cancel it (the server killed the
     * connection), the connection still holds the COPY's lock and any further call on it would
     * wait forever, so it is only closed; the server rolls the transaction back.
     */
    private void abandon(CopyIn in) {
        if (in.isActive()) {
            try {
                in.cancelCopy();
            } catch (SQLException e) {
                broken = true;
            }
        }
        rollback();
    }

    @Override
    public void close() {
        if (broken) {
            PostgresConnector.abort(connection);
            return;
        }
        rollback();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    private final class Output implements RowOutput {
        private final CopyIn in;
        private final TableCopy copy;

        Output(CopyIn in, TableCopy copy) {
            this.in = in;
            this.copy = copy;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            try {
                in.writeToCopy(buffer, offset, length);
            } catch (SQLException e) {
                abandon(in);
                throw failure(copy, e);
            }
        }

        @Override
        public long finish() {
            try {
                if (!copy.isText()) {
                    in.writeToCopy(BinaryRows.TRAILER, 0, BinaryRows.TRAILER.length);
                }
                long rows = in.endCopy();
                if (ledger) {
                    JdbcRunLedger.markDone(PostgresLedger.TABLES, connection, copy.table().name(), copy.chunk(), rows);
                }
                connection.commit();
                return rows;
            } catch (SQLException e) {
                abandon(in);
                throw failure(copy, e);
            }
        }

        @Override
        public void abort() {
            abandon(in);
        }
    }
}
