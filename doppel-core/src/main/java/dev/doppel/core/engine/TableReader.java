package dev.doppel.core.engine;

import dev.doppel.core.text.RowFormat;

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

    @Override
    void close();
}
