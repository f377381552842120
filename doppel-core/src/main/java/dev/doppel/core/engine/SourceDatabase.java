package dev.doppel.core.engine;

import dev.doppel.core.schema.SourceSchema;

/**
 * An open, read-only source pinned to one point in time. Nothing obtained from it ever writes to
 * the source.
 */
public interface SourceDatabase extends AutoCloseable {
    /** The schema as of the pinned snapshot: tables to copy and the statements that recreate it. */
    SourceSchema readSchema();

    /** A reader on its own connection, reading the same snapshot. One per worker. */
    TableReader openReader();

    @Override
    void close();
}
