package dev.doppel.postgres;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.DatabaseSwap;
import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Databases swapped by renaming, on a connection to the server's maintenance database
 * ({@code postgres}, else {@code template1}), since a database cannot be renamed by a session
 * connected to it.
 *
 * <p>The swap is two {@code ALTER DATABASE … RENAME} in one transaction: all or nothing, and it
 * takes milliseconds. PostgreSQL refuses to rename a database other sessions are connected to,
 * after waiting up to five seconds for them to leave; then nothing changed. With
 * {@code terminate}, the live database first stops accepting connections
 * ({@code ALLOW_CONNECTIONS false}), its sessions are ended, the renames run, and the retired
 * database accepts connections again in the same transaction.
 *
 * <p>The user needs CREATEDB and must own the live database (or be a superuser).
 */
final class PostgresSwap implements DatabaseSwap {
    private static final String[] MAINTENANCE = {"postgres", "template1"};
    private static final int TERMINATE_ROUNDS = 50;

    private final ConnectionConfig config;
    private final String live;
    private final Connection connection;

    PostgresSwap(ConnectionConfig config) {
        this.config = config;
        this.live = databaseOf(config.url());
        this.connection = maintenance();
    }

    private Connection maintenance() {
        DoppelException first = null;
        for (String database : MAINTENANCE) {
            if (database.equals(live)) {
                continue;
            }
            try {
                return new PostgresConnector(connection(database), false).open();
            } catch (DoppelException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    @Override
    public String live() {
        return live;
    }

    @Override
    public List<String> databases() {
        List<String> names = new ArrayList<>();
        try {
            Jdbc.query(connection, "SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname",
                    row -> names.add(row.getString(1)));
        } catch (SQLException e) {
            throw failed("list the databases", e);
        }
        return names;
    }

    @Override
    public ConnectionConfig create(String name) {
        List<String> options = new ArrayList<>();
        List<String> after = new ArrayList<>();
        try {
            Jdbc.query(connection, "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database"
                    + " WHERE datname = ?", row -> options.add(" ENCODING " + Sql.literal(row.getString(1))
                    + " LC_COLLATE " + Sql.literal(row.getString(2)) + " LC_CTYPE " + Sql.literal(row.getString(3))), live);
            Jdbc.query(connection, "SELECT s.cfg FROM pg_db_role_setting r JOIN pg_database d ON d.oid = r.setdatabase,"
                    + " unnest(r.setconfig) AS s(cfg) WHERE d.datname = ? AND r.setrole = 0", row -> {
                        String[] setting = row.getString(1).split("=", 2);
                        after.add("ALTER DATABASE " + Sql.ident(name) + " SET " + Sql.ident(setting[0]) + " TO "
                                + settingValue(setting[0], setting.length > 1 ? setting[1] : ""));
                    }, live);
            // an explicit access list replaces the default one (PUBLIC may connect), so start from none
            Jdbc.query(connection, "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee))"
                    + " END, a.privilege_type FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = ?", row -> {
                        if (after.stream().noneMatch(s -> s.startsWith("REVOKE"))) {
                            after.add(0, "REVOKE ALL ON DATABASE " + Sql.ident(name) + " FROM PUBLIC");
                        }
                        after.add("GRANT " + row.getString(2) + " ON DATABASE " + Sql.ident(name) + " TO " + row.getString(1));
                    }, live);
            try (Statement statement = connection.createStatement()) {
                // template0: never template1, which may hold objects, and which this session may be connected to
                statement.execute("CREATE DATABASE " + Sql.ident(name) + " TEMPLATE template0" + String.join("", options));
                for (String sql : after) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw failed("create the database " + name + " beside " + live + " (the user needs CREATEDB)", e);
        }
        return connection(name);
    }

    /** Settings whose value is a list of identifiers, stored quoted as identifiers (as pg_dump knows them). */
    private static final java.util.Set<String> LIST_SETTINGS = java.util.Set.of("search_path", "temp_tablespaces",
            "session_preload_libraries", "shared_preload_libraries", "local_preload_libraries", "unix_socket_directories");

    /** The value as SQL: list settings element by element ({@code 'app', 'public'}), others as one literal. */
    static String settingValue(String setting, String value) {
        if (!LIST_SETTINGS.contains(setting.toLowerCase(java.util.Locale.ROOT))) {
            return Sql.literal(value);
        }
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    item.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                items.add(item.toString().strip());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        items.add(item.toString().strip());
        return String.join(", ", items.stream().map(Sql::literal).toList());
    }

    @Override
    public ConnectionConfig connection(String name) {
        return new ConnectionConfig(withDatabase(config.url(), name), config.user(), config.password(), config.location());
    }

    @Override
    public void drop(String name, boolean terminate) {
        if (name.equals(live)) {
            throw new IllegalArgumentException("the live database is never dropped");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Sql.ident(name) + (terminate ? " WITH (FORCE)" : ""));
        } catch (SQLException e) {
            throw failed("drop the database " + name, e);
        }
    }

    @Override
    public void swap(String replacement, String retired, boolean terminate) {
        boolean liveExists = databases().contains(live);
        boolean closed = false;
        try (Statement statement = connection.createStatement()) {
            if (liveExists && terminate) {
                statement.execute("ALTER DATABASE " + Sql.ident(live) + " ALLOW_CONNECTIONS false");
                closed = true;
                terminateSessions(statement);
            }
            connection.setAutoCommit(false);
            if (liveExists) {
                statement.execute("ALTER DATABASE " + Sql.ident(live) + " RENAME TO " + Sql.ident(retired));
            }
            statement.execute("ALTER DATABASE " + Sql.ident(replacement) + " RENAME TO " + Sql.ident(live));
            if (closed) {
                statement.execute("ALTER DATABASE " + Sql.ident(retired) + " ALLOW_CONNECTIONS true");
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            if (closed) {
                reopen();
            }
            if ("55006".equals(e.getSQLState())) {
                throw new DoppelException(ExitCode.RUN_FAILED, "Cannot swap " + replacement + " in: other sessions are"
                        + " connected to " + (e.getMessage() != null && e.getMessage().contains(replacement) ? replacement
                        : live) + " (" + PostgresErrors.describe(e) + "). Nothing was changed. Close those sessions,"
                        + " or pass --terminate to end them at the swap.", e);
            }
            throw failed("swap " + replacement + " in for " + live + " (the user must own " + live
                    + "); nothing was changed", e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is closed next
            }
        }
    }

    private void terminateSessions(Statement statement) throws SQLException {
        for (int round = 0; round < TERMINATE_ROUNDS; round++) {
            int left = 0;
            try (var rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = " + Sql.literal(live) + " AND pid <> pg_backend_pid()")) {
                rows.next();
                left = rows.getInt(1);
            }
            if (left == 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void reopen() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + Sql.ident(live) + " ALLOW_CONNECTIONS true");
        } catch (SQLException ignored) {
            // reported by the swap's own failure; the docs say how to re-allow connections
        }
    }

    private void rollback() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the original error is reported
        }
    }

    private DoppelException failed(String action, SQLException e) {
        return new DoppelException(ExitCode.RUN_FAILED, "Cannot " + action + " on " + config.redactedUrl()
                + ": " + PostgresErrors.describe(e), e);
    }

    /** The database a URL names: the path of {@code jdbc:postgresql://host/db} or {@code postgresql://host/db}. */
    static String databaseOf(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", "").replaceFirst("^postgres(ql)?://", "http://"));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isEmpty()) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The target URL names no database; write it as"
                    + " jdbc:postgresql://host:5432/DATABASE");
        }
        return java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The URL with its database replaced, credentials and parameters kept. */
    static String withDatabase(String url, String database) {
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme + 3);
        int query = url.indexOf('?', scheme + 3);
        String head = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        String tail = query < 0 ? "" : url.substring(query);
        return head + "/" + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                + tail;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}
