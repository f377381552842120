package dev.doppel.core.engine;

import dev.doppel.core.schema.SourceSchema;
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

    @Override
    void close();
}
