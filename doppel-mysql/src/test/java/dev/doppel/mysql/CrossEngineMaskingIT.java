package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.transform.TransformerRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same key masks the same input to the same value on MySQL and on PostgreSQL: one table with
 * the same rows is copied through each engine's real path (MariaDB here, an embedded PostgreSQL
 * there) with the same rules, and the masked columns are compared.
 */
class CrossEngineMaskingIT {
    private static final String KEY = "cross-engine-key-0123456789abcdefghij";
    private static final String ROWS = "(1, 'tanaka.hanako@example.jp', 'Hanako Tanaka', 'Gift wrap 😀, please'),"
            + " (2, 'j.smith@example.com', 'John Smith', NULL), (3, 'yamada@example.org', '山田 太郎', 'tab\there')";
    private static final String RULES = """
                  columns:
                    id: keep
                    email: email
                    full_name: { transformer: hash, length: 24 }
                    note: { transformer: hash, length: 40, encoding: base64 }
            """;

    @Test
    void theSameKeyGivesTheSameMaskedValueOnBothEngines() throws Exception {
        List<String> mysql = copyOnMySql();
        List<String> postgres = copyOnPostgres();
        assertThat(mysql).hasSize(3).isEqualTo(postgres);
        assertThat(mysql.get(0)).doesNotContain("tanaka", "Hanako");
        assertThat(mysql.get(1)).endsWith("|null");
    }

    private static List<String> copyOnMySql() throws SQLException {
        TestServer server = TestServer.get();
        server.recreate("doppel_cross_src");
        server.recreate("doppel_cross_dst");
        server.run("doppel_cross_src", "CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(120) NOT NULL UNIQUE,"
                + " full_name VARCHAR(100) NOT NULL, note TEXT NULL) DEFAULT CHARSET = utf8mb4;"
                + " INSERT INTO people VALUES " + ROWS);
        copy(server.url("doppel_cross_src"), server.url("doppel_cross_dst"), server.adminUser(), server.adminPassword(),
                "doppel_cross_src.people");
        try (Connection target = server.admin("doppel_cross_dst")) {
            return masked(target, "people");
        }
    }

    private static List<String> copyOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE cross_src");
                statement.execute("CREATE DATABASE cross_dst");
            }
            try (Connection source = postgres.getDatabase("postgres", "cross_src").getConnection();
                 Statement statement = source.createStatement()) {
                statement.execute("CREATE TABLE people (id int PRIMARY KEY, email varchar(120) NOT NULL UNIQUE,"
                        + " full_name varchar(100) NOT NULL, note text)");
                statement.execute("INSERT INTO people VALUES " + ROWS.replace("'tab\there'", "E'tab\\there'"));
            }
            String base = "jdbc:postgresql://localhost:" + postgres.getPort() + "/";
            copy(base + "cross_src", base + "cross_dst", "postgres", "", "public.people");
            try (Connection target = postgres.getDatabase("postgres", "cross_dst").getConnection()) {
                return masked(target, "people");
            }
        }
    }

    private static void copy(String source, String target, String user, String password, String table) {
        String yaml = "version: 1\n"
                + "source: { url: \"" + source + "\", user: " + user + ", password: \"${env:PW}\" }\n"
                + "target: { url: \"" + target + "\", user: " + user + ", password: \"${env:PW}\" }\n"
                + "masking:\n  key: \"${env:KEY}\"\n  unclassified: fail\n  tables:\n    " + table + ":\n" + RULES;
        var config = new ConfigLoader(TransformerRegistry.load(), Map.of("PW", password, "KEY", KEY)::get)
                .parse(yaml, "cross.yml", Path.of("."), null);
        new MaskedCopy(TransformerRegistry.load(), Engines.load()).run(config, new CopyOptions(1, false), CopyListener.NONE);
    }

    private static List<String> masked(Connection connection, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet set = statement.executeQuery("SELECT email, full_name, note FROM " + table + " ORDER BY id")) {
            while (set.next()) {
                rows.add(set.getString(1) + "|" + set.getString(2) + "|" + set.getString(3));
            }
        }
        return rows;
    }
}
