package dev.doppel.mysql;

import dev.doppel.core.engine.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Whole schemas on one server session: which there are, their tables, creating one like another. */
final class Schemas {
    /** The server's own schemas, never a generation of anything. */
    private static final String SYSTEM = "'information_schema', 'mysql', 'performance_schema', 'sys'";

    private Schemas() {}

    /** The user's schemas this account can see. */
    static List<String> names(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        Jdbc.query(connection, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (" + SYSTEM
                + ") ORDER BY SCHEMA_NAME", row -> names.add(row.getString(1)));
        return names;
    }

    /** What RENAME TABLE moves: base tables, system-versioned tables and sequences, not views. */
    static List<String> tables(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        Jdbc.query(connection, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE') ORDER BY TABLE_NAME",
                row -> tables.add(row.getString(1)), schema);
        return tables;
    }

    /** Creates a schema with the default character set and collation of {@code like}, or the server's when it does not exist. */
    static void create(Connection connection, String name, String like) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(Sql.ident(name));
        Jdbc.query(connection, "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = ?", row -> sql.append(" CHARACTER SET ").append(row.getString(1))
                        .append(" COLLATE ").append(row.getString(2)), like);
        execute(connection, sql.toString());
    }

    static void drop(Connection connection, String name) throws SQLException {
        execute(connection, "DROP DATABASE IF EXISTS " + Sql.ident(name));
    }

    /** Sets how long this session's statements wait for other sessions' metadata locks. */
    static void waitForLocks(Connection connection, int seconds) {
        try {
            execute(connection, "SET SESSION lock_wait_timeout = " + seconds);
        } catch (SQLException ignored) {
            // the statements that follow report a broken session themselves
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            statement.execute(sql);
        }
    }
}
