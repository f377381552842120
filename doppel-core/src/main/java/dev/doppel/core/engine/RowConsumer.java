package dev.doppel.core.engine;

/** Receives rows as encoded text; the bytes are only valid during the call. */
@FunctionalInterface
public interface RowConsumer {
    /** One row: {@code length} bytes from {@code offset}, ending with a line feed. */
    void accept(byte[] buffer, int offset, int length);
}
