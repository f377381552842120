package dev.doppel.postgres;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** {@code COPY … FROM STDIN} in text format; each table is loaded in its own transaction. */
final class PostgresTableWriter implements TableWriter {
    private final Connection connection;

    PostgresTableWriter(Connection connection) {
        this.connection = connection;
    }

    @Override
    public RowOutput begin(TableCopy copy) {
        String sql = "COPY " + Sql.qualified(copy.table().name()) + " ("
                + copy.columns().stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", ")) + ") FROM STDIN";
        try {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            return new Output(in, copy);
        } catch (SQLException e) {
            throw failure(copy, e);
        }
    }

    private static DoppelException failure(TableCopy copy, SQLException e) {
        return new DoppelException(ExitCode.RUN_FAILED, "Writing " + copy.table().name() + " to the target failed: "
                + PostgresErrors.describe(e), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    private static final class Output implements RowOutput {
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
                throw failure(copy, e);
            }
        }

        @Override
        public long finish() {
            try {
                return in.endCopy();
            } catch (SQLException e) {
                throw failure(copy, e);
            }
        }

        @Override
        public void abort() {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // cancelling is best effort; the COPY's transaction is rolled back either way
                }
            }
        }
    }
}
