package dev.doppel.postgres;

import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A bounded sample of a table's rows for the scanner and pre-flight. A table much larger than the
 * sample is read with {@code TABLESAMPLE SYSTEM}, which picks whole pages at random and so reads
 * only a few of them; a small one, or one the statistics know nothing of, with a plain
 * {@code LIMIT}. Both run as {@code COPY (SELECT …) TO STDOUT} in the caller's read-only snapshot.
 */
final class PostgresSampler {
    /** Pages hold rows of one insertion period; reading some more rows than asked spreads the sample. */
    private static final int SPREAD = 4;

    private final Connection connection;

    PostgresSampler(Connection connection) {
        this.connection = connection;
    }

    void sample(Table table, List<Column> columns, int rows, boolean partitioned, RowConsumer consumer) {
        String select = "SELECT " + columns.stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", "))
                + " FROM " + (partitioned ? "" : "ONLY ") + Sql.qualified(table.name());
        long estimate = table.estimatedRows();
        int seen = 0;
        if (estimate > (long) rows * SPREAD * 4) {
            double percent = Math.max(0.0001, Math.min(100.0, 100.0 * rows * SPREAD / estimate));
            seen = copy(table, select + String.format(Locale.ROOT, " TABLESAMPLE SYSTEM (%.6f)", percent)
                    + " LIMIT " + rows, consumer);
        }
        if (seen < rows / 2) {
            copy(table, select + " LIMIT " + (rows - seen), consumer);
        }
    }

    private int copy(Table table, String select, RowConsumer consumer) {
        CopyOut out = null;
        int count = 0;
        try {
            out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT");
            byte[] row;
            while ((row = out.readFromCopy()) != null) {
                consumer.accept(row, 0, row.length);
                count++;
            }
            return count;
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Sampling " + table.name() + " on the source failed: "
                    + PostgresErrors.describe(e), e);
        } catch (RuntimeException e) {
            if (out != null && out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException ignored) {
                    // the original error is reported
                }
            }
            throw e;
        }
    }
}
