package dev.doppel.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One engine's half of the copy benchmark: a server started for it, the engine's dialect of the
 * shop, and the copies its users make without doppel. {@link CopyBenchmark} does the rest.
 */
interface BenchServer extends AutoCloseable {
    /** The server's name, version and port. */
    String describe() throws Exception;

    Jdbc jdbc();

    /** The database the benchmark's own connections use when they are about no database in particular. */
    String adminDatabase();

    /** The suffix of the dialect's SQL resources: {@code shop-DIALECT.sql}, {@code masking-DIALECT.sql}. */
    String dialect();

    /** The server settings worth printing. */
    List<String> settingNames();

    /** A query of one setting's value. */
    String settingQuery(String name);

    /** The settings every method runs under, one {@code name = value} each. */
    default List<String> settings() throws Exception {
        List<String> settings = new ArrayList<>();
        for (String name : settingNames()) {
            settings.add(name + " = " + jdbc().scalar(adminDatabase(), settingQuery(name)));
        }
        return settings;
    }

    default void createDatabase(String name) throws Exception {
        jdbc().execute(adminDatabase(), "CREATE DATABASE " + name);
    }

    /**
     * Writes out what earlier methods left dirty in the server's buffers, so that no method pays
     * for the previous one's writes. Called before each timed method.
     */
    void settle() throws Exception;

    /** How much the tables of a database take, as the engine counts it. */
    String tableSize(String database) throws Exception;

    /** The unmasked copies users know, fastest tools last; (b) repeats the first around its UPDATEs. */
    List<Baseline> baselines();

    /** A database as a doppel config names it: a YAML flow mapping of url, user and password. */
    String connection(String database);

    /** A table of the source database as a doppel config names it. */
    String table(String name);

    @Override
    void close() throws Exception;
}
