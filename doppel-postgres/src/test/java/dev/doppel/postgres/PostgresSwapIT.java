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

    @org.junit.jupiter.api.Test
    void theReplacementGetsTheLiveDatabasesSettingsAndPrivileges() throws Exception {
        ConnectionConfig live = newDatabase();
        String name = PostgresSwap.databaseOf(live.url());
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'swap_reader') THEN"
                    + " CREATE ROLE swap_reader; END IF; END $$");
            statement.execute("ALTER DATABASE " + name + " SET search_path = app, public");
            statement.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
            statement.execute("GRANT CONNECT ON DATABASE " + name + " TO swap_reader");
        }
        try (var swap = engine().swap(live).orElseThrow()) {
            var generations = new dev.doppel.core.swap.LiveSwap(swap);
            generations.prepare(() -> { });
            try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT d.datname, (SELECT array_to_string(setconfig, ',')"
                         + " FROM pg_db_role_setting WHERE setdatabase = d.oid AND setrole = 0),"
                         + " has_database_privilege('swap_reader', d.oid, 'CONNECT'),"
                         + " has_database_privilege('public', d.oid, 'CONNECT') FROM pg_database d"
                         + " WHERE d.datname IN ('" + name + "', '" + generations.staging() + "') ORDER BY d.datname")) {
                for (int i = 0; i < 2; i++) {
                    org.assertj.core.api.Assertions.assertThat(rows.next()).isTrue();
                    org.assertj.core.api.Assertions.assertThat(rows.getString(2)).as(rows.getString(1))
                            .isEqualTo("search_path=app, public");
                    org.assertj.core.api.Assertions.assertThat(rows.getBoolean(3)).isTrue();
                    org.assertj.core.api.Assertions.assertThat(rows.getBoolean(4)).isFalse();
                }
            }
            generations.abandon();
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
