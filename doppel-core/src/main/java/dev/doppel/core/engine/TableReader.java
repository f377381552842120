package dev.doppel.core.engine;

import dev.doppel.core.text.RowFormat;
import dev.doppel.core.text.RowText;
import java.util.List;

/** Streams one table's rows at a time; bound to one connection, used by one worker. */
public interface TableReader extends AutoCloseable {
    /**
     * Streams every row of the copy, in the copy's {@link TableCopy#format}, to the consumer.
     * Memory stays bounded whatever the table size.
     */
    void read(TableCopy copy, RowConsumer consumer);

    /**
     * A form the reader can stream this copy's rows in at less cost than {@link
     * dev.doppel.core.text.RowText}, or null when it has none. The copy uses it only when its
     * writer {@link TableWriter#takes takes} it too, and the form can decode every ruled field;
     * any value it cannot carry after all ({@link dev.doppel.core.text.RowFormat.TextNeeded}) has
     * the chunk copied again in RowText form.
     */
    default RowFormat fasterFormat(TableCopy copy) {
        return null;
    }

    /**
     * The parts this reader would read the copy in, at least one: each part is read on its own
     * with {@code copy.withChunk(part)}, by this reader or another of the same database, and
     * together they hold every row of the copy once. Leak verification reads a big table's parts
     * on several workers at once. The parts are of the table as it is now, so ask only of a table
     * that no longer changes (a target once its rows are in). The default is the copy's own chunk;
     * engines whose read-back readers already read a whole table range by range return those
     * ranges.
     */
    default List<Chunk> parts(TableCopy copy) {
        return List.of(copy.chunk());
    }

    /**
     * How many values of each of the copy's columns are not NULL, in the order of {@link
     * TableCopy#columns}; an empty string counts. Leak verification asks this of a target's columns
     * ruled {@code null}, which must hold nothing else, when it has no other reason to read the
     * table's rows. The default streams the columns in {@link RowText} form and counts; engines
     * override it to count on the server, which then sends one row per statement instead of the
     * table.
     */
    default long[] countNonNull(TableCopy copy) {
        long[] counts = new long[copy.columns().size()];
        int[] starts = new int[counts.length];
        int[] ends = new int[counts.length];
        read(copy.inFormat(RowText.FORMAT), (buffer, offset, length) -> {
            RowText.FORMAT.split(buffer, offset, length, starts, ends);
            for (int field = 0; field < counts.length; field++) {
                if (!RowText.FORMAT.isNull(buffer, starts[field], ends[field])) {
                    counts[field]++;
                }
            }
        });
        return counts;
    }

    @Override
    void close();
}
