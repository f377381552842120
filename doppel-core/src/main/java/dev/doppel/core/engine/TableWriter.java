package dev.doppel.core.engine;

import dev.doppel.core.text.RowFormat;
import dev.doppel.core.text.RowText;

/** Loads rows into one table at a time through the engine's bulk path; used by one worker. */
public interface TableWriter extends AutoCloseable {
    /** Starts loading the copy's columns of its table, from rows in the copy's {@link TableCopy#format}. */
    RowOutput begin(TableCopy copy);

    /**
     * True when this writer loads rows in {@code format}, one a reader offered
     * ({@link TableReader#fasterFormat}); every writer takes {@link RowText#FORMAT}.
     */
    default boolean takes(RowFormat format) {
        return format == RowText.FORMAT;
    }

    @Override
    void close();

    /** An open bulk load. */
    interface RowOutput {
        /** Rows in the copy's format; any number of whole rows per call. */
        void write(byte[] buffer, int offset, int length);

        /** Completes the load and returns the row count the server reports. */
        long finish();

        /** Abandons the load; nothing of it stays in the table. */
        void abort();
    }
}
