package dev.doppel.postgres;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.Secret;
import dev.doppel.core.engine.RelationalEngine;
import dev.doppel.core.error.Location;
import dev.doppel.core.swap.AbstractDatabaseSwapIT;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The swap contract on PostgreSQL: renames in one transaction. */
class PostgresSwapIT extends AbstractDatabaseSwapIT {
    private final TestPostgres server = TestPostgres.get();

    @Override
    protected RelationalEngine engine() {
        return new PostgresEngine();
    }

    @Override
    protected ConnectionConfig newDatabase() {
        String name = server.createDatabase("swap");
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ConnectionConfig(server.url(name), server.user(), new Secret(server.password()), Location.NONE);
    }

    private static Connection connect(ConnectionConfig database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password().value());
    }

    @Override
    protected void write(ConnectionConfig database, String marker) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (v text); INSERT INTO marker VALUES (" + Sql.literal(marker) + ")");
        }
    }

    @Override
    protected String read(ConnectionConfig database) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT to_regclass('public.marker') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return null;
            }
            try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery("SELECT v FROM marker")) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Override
    protected AutoCloseable session(ConnectionConfig database) throws SQLException {
        return connect(database);
    }

    @Override
    protected boolean alive(AutoCloseable session) throws SQLException {
        return ((Connection) session).isValid(2);
    }
}
