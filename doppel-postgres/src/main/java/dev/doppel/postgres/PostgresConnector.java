package dev.doppel.postgres;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.jdbc.ConnectionUrl;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Redactor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens connections for one side. Accepts JDBC URLs and libpq-style {@code postgresql://user:pw@host/db}
 * URLs; user and password from the config win over those in the URL. Every session gets the same
 * text settings on both sides (UTC, ISO dates, full float precision) so that values cross COPY
 * unchanged; source sessions are read-only.
 */
final class PostgresConnector {
    private final ConnectionConfig config;
    private final boolean readOnly;
    private final String jdbcUrl;
    private final Properties properties = new Properties();

    PostgresConnector(ConnectionConfig config, boolean readOnly) {
        this.config = config;
        this.readOnly = readOnly;
        this.jdbcUrl = toJdbc(config.url(), properties);
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password().value());
        }
        properties.setProperty("ApplicationName", readOnly ? "doppel (source, read-only)" : "doppel (target)");
        properties.setProperty("connectTimeout", "15");
        properties.setProperty("tcpKeepAlive", "true");
        if (readOnly) {
            properties.setProperty("readOnly", "true");
            properties.setProperty("readOnlyMode", "always");
        }
    }

    String describe() {
        return Redactor.url(config.url());
    }

    Connection open() {
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, properties);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';"
                        + " SET extra_float_digits = 3; SET bytea_output = 'hex'; SET lc_monetary = 'C'");
                if (readOnly) {
                    statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                } else {
                    statement.execute("SET synchronous_commit = off; SET check_function_bodies = off");
                }
            }
            return connection;
        } catch (SQLException e) {
            throw connectFailure(e);
        }
    }

    private DoppelException connectFailure(SQLException e) {
        String side = readOnly ? "source" : "target";
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = PostgresErrors.describe(e);
        String where = " (" + describe() + ")";
        if (state.startsWith("28")) {
            return new DoppelException(ExitCode.CANNOT_CONNECT, "The " + side + " refused the credentials" + where
                    + ": " + reason + ". Check " + side + ".user and " + side + ".password.", e);
        }
        if (state.equals("3D000")) {
            return new DoppelException(ExitCode.CANNOT_CONNECT, "The " + side + " database does not exist" + where
                    + ": " + reason + ". Create it first, or fix the database name in " + side + ".url.", e);
        }
        return new DoppelException(ExitCode.CANNOT_CONNECT, "Cannot connect to the " + side + where + ": " + reason
                + ". Check the host, port and network, and that the server accepts connections.", e,
                PostgresErrors.isTransient(e));
    }

    /** Closes a connection at once, without waiting for a reply: for connections a failure left unusable. */
    static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException ignored) {
            // already closed
        }
    }

    /** Converts {@code postgresql://user:pw@host:port/db?x=y} to JDBC, moving credentials to properties. */
    static String toJdbc(String url, Properties properties) {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        return ConnectionUrl.toJdbc(url, "postgres(ql)?", "postgresql", properties);
    }
}
