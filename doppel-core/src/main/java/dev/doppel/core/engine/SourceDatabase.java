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

    /**
     * Splits a table into chunks of about {@code chunkBytes} that can be copied in parallel and
     * retried or resumed one by one. Every row falls in exactly one chunk, including rows whose
     * key lies outside the range seen now (the first and last chunks are open-ended). Engines
     * that cannot split return the whole table as one chunk.
     */
    default java.util.List<Chunk> chunks(dev.doppel.core.schema.Table table, long chunkBytes) {
        return java.util.List.of(Chunk.WHOLE);
    }

    /** A reader on its own connection, reading the same snapshot. One per worker. */
    TableReader openReader();

    /**
     * What the user should know about how the source is read, e.g. that the account may not
     * synchronise its readers and tables may be read at slightly different instants, or that an
     * object's definition could not be read. Never holds a row value or a credential.
     */
    default List<String> warnings() {
        return List.of();
    }

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

    /**
     * True when every reader sees the source at one instant. An engine whose readers could not be
     * synchronised (MySQL without the right to a global read lock) says false.
     */
    default boolean oneSnapshot() {
        return true;
    }

    /**
     * Which columns this source hands over exactly as they were in one consistent state of the
     * database they come from, every row of them ({@link TargetDatabase.AsCopied}). A live
     * database: all of them when {@link #oneSnapshot()}, none otherwise. A snapshot: the columns its
     * manifest records as the source's own values, so that a restore, like the run that wrote the
     * snapshot, may leave out checks of keys that held on the source.
     */
    default TargetDatabase.AsCopied asRead() {
        return oneSnapshot() ? TargetDatabase.AsCopied.ALL : TargetDatabase.AsCopied.NONE;
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
