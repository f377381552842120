package dev.doppel.mysql;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.jdbc.ConnectionUrl;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Redactor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens connections for one side through MariaDB Connector/J, which speaks to MySQL and MariaDB
 * alike. Accepts {@code jdbc:mysql://}, {@code jdbc:mariadb://}, {@code mysql://} and
 * {@code mariadb://} URLs, which must name a database; user and password from the config win
 * over those in the URL. Every session gets the same text settings on both sides (UTC, utf8mb4,
 * backslash escapes) so that values cross unchanged; source sessions are read-only.
 */
final class MySqlConnector {
    /**
     * The target's sql_mode for tables and data: strict, but accepting what a source may hold
     * under a laxer mode (zero dates, invalid dates, an AUTO_INCREMENT column holding 0).
     */
    static final String TARGET_SQL_MODE = "STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION,ALLOW_INVALID_DATES";
    /** The source's sql_mode: none, so that SHOW CREATE prints plain MySQL syntax with backticks. */
    static final String SOURCE_SQL_MODE = "";

    private final ConnectionConfig config;
    private final boolean source;
    private final String jdbcUrl;
    private final String database;
    private final Properties properties = new Properties();
    private volatile MySqlDialect dialect;

    MySqlConnector(ConnectionConfig config, boolean source) {
        this(config, source, false);
    }

    private MySqlConnector(ConnectionConfig config, boolean source, boolean server) {
        this.config = config;
        this.source = source;
        String named = toJdbc(config.url(), properties);
        this.jdbcUrl = server ? withDatabase(named, "") : named;
        this.database = databaseOf(named);
        if (database == null || database.isEmpty()) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The " + side() + " URL " + describe() + " names no database; "
                    + "add it, e.g. jdbc:mysql://host:3306/app. doppel copies one database at a time.");
        }
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password().value());
        }
        properties.setProperty("connectTimeout", "15000");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("dumpQueriesOnException", "false");
        if (!source) {
            properties.setProperty("allowLocalInfile", String.valueOf(!server));
            properties.setProperty("allowMultiQueries", "true");
        }
    }

    /**
     * Target sessions in no database, for creating, dropping and swapping the databases beside the
     * one the URL names ({@link #database()}), which these sessions never hold as their current one.
     */
    static MySqlConnector server(ConnectionConfig config) {
        return new MySqlConnector(config, false, true);
    }

    String describe() {
        return Redactor.url(config.url());
    }

    String database() {
        return database;
    }

    boolean isSource() {
        return source;
    }

    /** The server's dialect, known once a connection has been opened. */
    MySqlDialect dialect() {
        if (dialect == null) {
            close(open());
        }
        return dialect;
    }

    /** A new session with doppel's settings; the caller closes it. */
    Connection open() {
        Connection connection;
        try {
            connection = DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            throw connectFailure(e);
        }
        try {
            if (dialect == null) {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT VERSION()")) {
                    rows.next();
                    MySqlDialect detected = MySqlDialect.of(rows.getString(1));
                    detected.checkVersion(side());
                    dialect = detected;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                statement.execute("SET NAMES utf8mb4");
                statement.execute("SET SESSION time_zone = '+00:00', sql_quote_show_create = 1,"
                        + " net_read_timeout = 600, net_write_timeout = 600, sql_mode = '"
                        + (source ? SOURCE_SQL_MODE : TARGET_SQL_MODE) + "'");
                for (String setting : dialect.sessionSettings()) {
                    statement.execute(setting);
                }
                if (source) {
                    statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                    statement.execute("SET SESSION TRANSACTION READ ONLY");
                }
            }
            return connection;
        } catch (SQLException e) {
            close(connection);
            throw new DoppelException(ExitCode.CANNOT_CONNECT, "Cannot set up a session on the " + side() + " ("
                    + describe() + "): " + MySqlErrors.describe(e), e);
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    String side() {
        return source ? "source" : "target";
    }

    private DoppelException connectFailure(SQLException e) {
        String where = " (" + describe() + ")";
        String reason = MySqlErrors.describe(e);
        if (e.getErrorCode() == 1045 || e.getErrorCode() == 1698 || "28000".equals(e.getSQLState())) {
            return new DoppelException(ExitCode.CANNOT_CONNECT, "The " + side() + " refused the credentials" + where
                    + ": " + reason + ". Check " + side() + ".user and " + side() + ".password.", e);
        }
        if (e.getErrorCode() == 1049) {
            return new DoppelException(ExitCode.CANNOT_CONNECT, "The " + side() + " database does not exist" + where
                    + ": " + reason + ". Create it first, or fix the database name in " + side() + ".url.", e);
        }
        if (e.getErrorCode() == 1044) {
            return new DoppelException(ExitCode.CANNOT_CONNECT, "The " + side() + " account may not use the database"
                    + where + ": " + reason + ". Grant it access to the database.", e);
        }
        return new DoppelException(ExitCode.CANNOT_CONNECT, "Cannot connect to the " + side() + where + ": " + reason
                + ". Check the host, port and network, and that the server accepts connections.", e, MySqlErrors.isTransient(e));
    }

    /** Closes a connection at once, without waiting for a reply: for connections a failure left unusable. */
    static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException ignored) {
            // already closed
        }
    }

    static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    /**
     * Converts {@code mysql://user:pw@host:port/db?x=y} and {@code jdbc:mysql://…} to a MariaDB
     * Connector/J URL, moving credentials in the authority to properties.
     */
    static String toJdbc(String url, Properties properties) {
        if (url.startsWith("jdbc:mariadb:")) {
            return url;
        }
        if (url.startsWith("jdbc:mysql:")) {
            return "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
        }
        return ConnectionUrl.toJdbc(url, "mysql|mariadb", "mariadb", properties);
    }

    /** The database a JDBC URL names: the first path segment after the hosts, or null. */
    static String databaseOf(String jdbcUrl) {
        int authority = jdbcUrl.indexOf("://");
        if (authority < 0) {
            return null;
        }
        int slash = jdbcUrl.indexOf('/', authority + 3);
        if (slash < 0) {
            return null;
        }
        int end = jdbcUrl.length();
        for (char c : new char[] {'?', '/', ';'}) {
            int at = jdbcUrl.indexOf(c, slash + 1);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String name = ConnectionUrl.decode(jdbcUrl.substring(slash + 1, end));
        return name.isEmpty() ? null : name;
    }

    /**
     * The URL, in any of the accepted forms, naming {@code database} instead (none when empty);
     * credentials, hosts and parameters are kept.
     */
    static String withDatabase(String url, String database) {
        int authority = url.indexOf("://") + 3;
        int query = url.indexOf('?', authority);
        int slash = url.indexOf('/', authority);
        int end = slash >= 0 && (query < 0 || slash < query) ? slash : query < 0 ? url.length() : query;
        return url.substring(0, end) + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20")
                + (query < 0 ? "" : url.substring(query));
    }
}
