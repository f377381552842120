package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.transform.TransformerRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A realism check on Sakila as a real MySQL client dumped it (shared/datasets, present in CI):
 * loaded into MariaDB, copied with a sample config that masks its names, e-mails, addresses and
 * phone numbers, and compared table by table.
 */
class SakilaIT {
    private static final String SOURCE = "doppel_sakila";
    private static final String TARGET = "doppel_sakila_copy";
    /** The sample config's rules; every other column is kept. */
    private static final Map<String, Map<String, String>> RULES = Map.of(
            "customer", Map.of("first_name", "{ transformer: hash, length: 12 }", "last_name", "{ transformer: hash, length: 12 }",
                    "email", "email"),
            "staff", Map.of("first_name", "{ transformer: hash, length: 12 }", "last_name", "{ transformer: hash, length: 12 }",
                    "email", "email", "picture", "\"null\"", "username", "{ transformer: hash, length: 16 }", "password", "\"null\""),
            "address", Map.of("address", "{ transformer: constant, value: \"1 Example Street\" }", "address2", "\"null\"",
                    "phone", "{ transformer: hash, length: 12 }", "postal_code", "\"null\""));

    static Path dataset() {
        return Stream.of(Path.of("/work/shared/datasets/sakila-mysql/sakila.sql"),
                        Path.of("..", "..", "shared", "datasets", "sakila-mysql", "sakila.sql"),
                        Path.of("..", "shared", "datasets", "sakila-mysql", "sakila.sql"))
                .filter(Files::isRegularFile).findFirst().orElse(null);
    }

    @Test
    void sakilaIsCopiedWithItsPersonalDataMasked() throws IOException, SQLException {
        Path dump = dataset();
        Assumptions.assumeTrue(dump != null, "shared/datasets/sakila-mysql is not there");
        TestServer server = TestServer.get();
        server.recreate(SOURCE);
        server.recreate(TARGET);
        server.run(SOURCE, Files.readString(dump, StandardCharsets.UTF_8)
                .replace("create schema sakila_dojo;", "").replace("sakila_dojo", SOURCE));

        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Connection source = server.admin(SOURCE)) {
            query(source, "SELECT c.TABLE_NAME, c.COLUMN_NAME FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
                    + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = DATABASE()"
                    + " AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION",
                    row -> columns.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(row.getString(2)));
        }
        StringBuilder yaml = new StringBuilder("version: 1\n"
                + "source: { url: \"" + server.url(SOURCE) + "\", user: " + server.adminUser() + ", password: \"${env:PW}\" }\n"
                + "target: { url: \"" + server.url(TARGET) + "\", user: " + server.adminUser() + ", password: \"${env:PW}\" }\n"
                + "masking:\n  key: \"${env:KEY}\"\n  unclassified: fail\n  tables:\n");
        columns.forEach((table, names) -> {
            yaml.append("    ").append(SOURCE).append('.').append(table).append(":\n      columns:\n");
            for (String name : names) {
                yaml.append("        ").append(name).append(": ")
                        .append(RULES.getOrDefault(table, Map.of()).getOrDefault(name, "keep")).append('\n');
            }
        });
        var config = new ConfigLoader(TransformerRegistry.load(),
                Map.of("PW", server.adminPassword(), "KEY", "sakila-test-key-0123456789abcdef")::get)
                .parse(yaml.toString(), "sakila.yml", Path.of("."), null);
        RunSummary summary = new MaskedCopy(TransformerRegistry.load(), Engines.load())
                .run(config, new CopyOptions(2, false), CopyListener.NONE);
        assertThat(summary.tables()).hasSize(columns.size());

        try (Connection source = server.admin(SOURCE); Connection target = server.admin(TARGET)) {
            for (String table : columns.keySet()) {
                assertThat(single(target, "SELECT COUNT(*) FROM " + Sql.ident(table))).as("rows of %s", table)
                        .isEqualTo(single(source, "SELECT COUNT(*) FROM " + Sql.ident(table)));
                if (!RULES.containsKey(table)) {
                    assertThat(checksum(target, table)).as("checksum of %s", table).isEqualTo(checksum(source, table));
                }
            }
            assertThat(single(target, "SELECT COUNT(*) FROM customer_list")).isEqualTo(single(source, "SELECT COUNT(*) FROM customer_list"));
            assertThat(single(target, "SELECT COUNT(*) FROM " + TARGET + ".customer c JOIN " + SOURCE + ".customer s"
                    + " USING (customer_id) WHERE c.email = s.email OR c.first_name = s.first_name")).isEqualTo("0");
            assertThat(single(target, "SELECT get_customer_balance(1, '2006-01-01')"))
                    .isEqualTo(single(source, "SELECT get_customer_balance(1, '2006-01-01')"));
            assertThat(single(target, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"))
                    .isEqualTo(single(source, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"))
                    .isNotEqualTo("0");
        }
    }

    private interface Row {
        void accept(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, Row row) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                row.accept(rows);
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String checksum(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("CHECKSUM TABLE " + Sql.ident(table) + " EXTENDED")) {
            rows.next();
            return rows.getString(2);
        }
    }
}
