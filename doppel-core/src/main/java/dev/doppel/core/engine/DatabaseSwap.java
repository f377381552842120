package dev.doppel.core.engine;

import dev.doppel.core.config.ConnectionConfig;
import java.util.List;

/**
 * Replaces a live database with one loaded beside it, in one short step, on one server. Obtained
 * from {@link RelationalEngine#swap}; {@link dev.doppel.core.swap.LiveSwap} decides the names and
 * keeps the generations, the engine only creates, lists, drops and swaps.
 *
 * <p>"Database" is the engine's unit a connection URL names: a PostgreSQL database, a MySQL or
 * MariaDB schema. Every name passed in was returned by {@link #databases()} or is new; the engine
 * quotes it.
 */
public interface DatabaseSwap extends AutoCloseable {
    /** The live database: the one the connection URL names. */
    String live();

    /** The names of the databases on the server this user can see, to find earlier generations. */
    List<String> databases();

    /**
     * Creates an empty database for a replacement, with the live database's encoding and
     * collation when it exists, and returns how to connect to it with the same credentials.
     */
    ConnectionConfig create(String name);

    /** How to connect to an existing database with the same credentials. */
    ConnectionConfig connection(String name);

    /**
     * Drops a database that is not live. With {@code terminate}, sessions connected to it are
     * ended first; without, they make the drop fail.
     */
    void drop(String name, boolean terminate);

    /**
     * In one step that either happens whole or not at all: the live database (if it exists) is
     * renamed to {@code retired}, and {@code replacement} becomes the live database. Sessions on
     * the live database either make the swap fail, changing nothing, or with {@code terminate}
     * are ended first and no new ones are let in until the swap is done.
     *
     * @param retired the live database's new name; ignored when there is no live database yet
     * @throws dev.doppel.core.error.DoppelException when the swap cannot be made; then nothing changed
     */
    void swap(String replacement, String retired, boolean terminate);

    @Override
    void close();
}
