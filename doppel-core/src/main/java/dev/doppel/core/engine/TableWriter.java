package dev.doppel.core.engine;

/** Loads rows into one table at a time through the engine's bulk path; used by one worker. */
public interface TableWriter extends AutoCloseable {
    /** Starts loading the copy's columns of its table. */
    RowOutput begin(TableCopy copy);

    @Override
    void close();

    /** An open bulk load. */
    interface RowOutput {
        /** Rows in {@link dev.doppel.core.text.RowText} form; any number of whole rows per call. */
        void write(byte[] buffer, int offset, int length);

        /** Completes the load and returns the row count the server reports. */
        long finish();

        /** Abandons the load; nothing of it stays in the table. */
        void abort();
    }
}
