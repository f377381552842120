package dev.doppel.core.engine;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import java.util.List;

/**
 * An open, read-only source pinned to one point in time. Nothing obtained from it ever writes to
 * the source.
 */
public interface SourceDatabase extends AutoCloseable {
    /** The schema as of the pinned snapshot: tables to copy and the statements that recreate it. */
    SourceSchema readSchema();

    /** A reader on its own connection, reading the same snapshot. One per worker. */
    TableReader openReader();

    /**
     * Streams at most {@code rows} rows of the given columns of a table, in
     * {@link dev.doppel.core.text.RowText} form, for the scanner and the pre-flight checks. The
     * values are personal data: callers look at them and let them go, they never print or store
     * them.
     *
     * <p>Engines should override this to spread the sample over the table without reading all of
     * it (PostgreSQL: {@code TABLESAMPLE SYSTEM} with a {@code LIMIT}; MySQL: e.g. a primary-key
     * range walk or {@code LIMIT} on an index); the rows need not be random, only bounded and
     * cheap to read. The default reads the first {@code rows} rows through {@link #openReader()}
     * and stops there.
     *
     * @param columns columns of {@code table}, in the order the fields are wanted
     */
    default void sample(Table table, List<Column> columns, int rows, RowConsumer consumer) {
        if (rows <= 0 || columns.isEmpty()) {
            return;
        }
        int[] seen = {0};
        try (TableReader reader = openReader()) {
            reader.read(new TableCopy(table, columns, null), (buffer, offset, length) -> {
                consumer.accept(buffer, offset, length);
                if (++seen[0] >= rows) {
                    throw new SampleComplete();
                }
            });
        } catch (SampleComplete done) {
            // the sample is full; the reader cancelled the rest of the read
        }
    }

    @Override
    void close();

    /** Stops the default {@link #sample} once it has its rows. */
    final class SampleComplete extends RuntimeException {
        SampleComplete() {
            super("sample complete", null, false, false);
        }
    }
}
