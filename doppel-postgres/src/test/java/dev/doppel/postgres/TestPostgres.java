package dev.doppel.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM: an embedded one started on first use, or the server
 * named by {@code DOPPEL_TEST_PG_URL} (a JDBC URL with user and password, pointing at a database
 * the tests may create databases from). Each test asks for fresh databases.
 */
public final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestPostgres instance;

    private final String baseUrl;
    private final String user;
    private final String password;

    private TestPostgres(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            String external = System.getenv("DOPPEL_TEST_PG_URL");
            if (external != null && !external.isBlank()) {
                instance = new TestPostgres(external.replaceAll("/[^/?]*(\\?.*)?$", "/"),
                        System.getenv().getOrDefault("DOPPEL_TEST_PG_USER", "postgres"),
                        System.getenv().getOrDefault("DOPPEL_TEST_PG_PASSWORD", ""));
            } else {
                try {
                    EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            server.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting
                        }
                    }));
                    instance = new TestPostgres("jdbc:postgresql://localhost:" + server.getPort() + "/", "postgres", "");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
                }
            }
        }
        return instance;
    }

    /** Creates an empty database with a unique name and returns its name. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    public String url(String database) {
        return baseUrl + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }
}
