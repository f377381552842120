package dev.doppel.core.engine;

/** Streams one table's rows at a time; bound to one connection, used by one worker. */
public interface TableReader extends AutoCloseable {
    /**
     * Streams every row of the copy, in {@link dev.doppel.core.text.RowText} form, to the
     * consumer. Memory stays bounded whatever the table size.
     */
    void read(TableCopy copy, RowConsumer consumer);

    @Override
    void close();
}
