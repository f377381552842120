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

    /** Longer values are sampled as NULL: the scanner and pre-flight look at none longer (64 KB and 16 KB). */
    static final int LONGEST_VALUE = 1 << 16;

    private final Connection connection;

    PostgresSampler(Connection connection) {
        this.connection = connection;
    }

    void sample(Table table, List<Column> columns, int rows, boolean partitioned, RowConsumer consumer) {
        String select = "SELECT " + columns.stream().map(PostgresSampler::bounded).collect(Collectors.joining(", "))
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

    /**
     * The column, or NULL where its value is longer than {@value #LONGEST_VALUE} bytes: the scanner
     * and pre-flight leave such values out anyway, and a table of large documents should not be
     * read whole to sample a few rows. The length of a text or bytea comes from its header
     * ({@code octet_length} does not decompress it), a JSON document's from its text (rendered on the
     * server, not sent); other variable-length types go by their stored, possibly compressed, size,
     * so a few long ones may still come.
     */
    static String bounded(Column column) {
        String name = Sql.ident(column.name());
        String length = switch (column.kind()) {
            case TEXT, JSON -> "octet_length(" + name + "::text)";
            case BINARY -> column.nativeType().equals("bytea") ? "octet_length(" + name + ")" : "pg_column_size(" + name + ")";
            case ARRAY, OTHER -> "pg_column_size(" + name + ")";
            default -> null;
        };
        return length == null ? name : "CASE WHEN " + length + " > " + LONGEST_VALUE + " THEN NULL ELSE " + name + " END AS "
                + name;
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
