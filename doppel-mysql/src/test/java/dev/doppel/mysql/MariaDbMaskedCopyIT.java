package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.transform.TransformerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The masked copy between two databases of a real MariaDB, with a source account that has only
 * read privileges (no RELOAD, as on RDS) and a target account that owns nothing but its
 * database (no SUPER), plus MySQL-family checks: keys, indexes and checks, AUTO_INCREMENT,
 * generated columns, charsets, views, routines, triggers and events, and the two fallbacks.
 */
class MariaDbMaskedCopyIT extends MaskedCopyContract {
    static final String SOURCE = "doppel_src";
    static final String READER = "doppel_reader";
    static final String WRITER = "doppel_writer";
    private static final List<String> TABLES = List.of("customers", "legacy_log", "order_audit", "orders", "zero_ai");

    private TestServer server;
    private String sourceUser = READER;
    private UnaryOperator<String> configEdit = UnaryOperator.identity();

    @BeforeAll
    void fixture() throws Exception {
        server = TestServer.get();
        server.recreate(SOURCE);
        server.run(SOURCE, resource("fixture.sql"));
        server.user(READER, "SELECT, SHOW VIEW, TRIGGER, EVENT, SHOW CREATE ROUTINE ON `" + SOURCE + "`.*");
        server.user(WRITER);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = MariaDbMaskedCopyIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    protected String targetPrefix() {
        return "doppel_copy";
    }

    @Override
    protected String config(String target) {
        return """
                version: 1
                source: { url: "%s", user: %s, password: "${env:PW}" }
                target: { url: "%s", user: %s, password: "${env:PW}" }
                masking:
                  key: "${env:KEY}"
                  unclassified: fail
                  tables:
                    @SRC@.customers:
                      columns:
                        email: email
                        full_name: { transformer: hash, length: 16 }
                        phone: { transformer: hash, length: 12 }
                        note: { transformer: constant, value: "redacted" }
                        prefs: { transformer: constant, value: '{"masked": true}' }
                        id: keep
                        city: keep
                        birth_date: keep
                        created_at: keep
                        updated_at: keep
                        tier: keep
                        tags: keep
                        flags: keep
                        avatar: keep
                        token: keep
                        location: keep
                        score: keep
                        ratio: keep
                        balance: keep
                        since: keep
                    @SRC@.orders:
                      columns: { note: { transformer: hash, length: 20 }, id: keep, customer_id: keep, total: keep, ordered_at: keep }
                    @SRC@.order_audit: { columns: { id: keep, order_id: keep, action: keep, at: keep } }
                    @SRC@.legacy_log: { columns: { id: keep, message: keep } }
                    @SRC@.zero_ai: { columns: { id: keep, label: keep } }
                """.formatted(server.url(SOURCE), sourceUser, server.url(target), WRITER).replace("@SRC@", SOURCE)
                .transform(configEdit);
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of("PW", sourceUser.equals(READER) ? TestServer.PASSWORD : server.adminPassword(), "KEY", KEY);
    }

    @Override
    protected void createTarget(String target) throws SQLException {
        server.recreate(target);
        try (Connection connection = server.admin(""); Statement statement = connection.createStatement()) {
            statement.execute("GRANT ALL PRIVILEGES ON `" + target + "`.* TO '" + WRITER + "'@'%'");
        }
    }

    @Override
    protected Connection source() throws SQLException {
        return server.admin(SOURCE);
    }

    @Override
    protected Connection target(String target) throws SQLException {
        return server.admin(target);
    }

    @Override
    protected List<String> tables() {
        return TABLES;
    }

    @Override
    protected Map<String, Set<String>> ruled() {
        return Map.of("customers", Set.of("email", "full_name", "phone", "note", "prefs"), "orders", Set.of("note"));
    }

    @Override
    protected String key(String table) {
        return "id";
    }

    /** SHA-256 over every stored column but {@code without}: binary, BIT and spatial values as hex. */
    @Override
    protected String digest(Connection connection, String table, Set<String> without) throws SQLException {
        List<String> expressions = new ArrayList<>();
        try (var statement = connection.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND IS_GENERATED = 'NEVER' ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String column = rows.getString(1);
                    if (!without.contains(column)) {
                        expressions.add(MySqlTypes.isHex(rows.getString(2)) ? "HEX(" + Sql.ident(column) + ")" : Sql.ident(column));
                    }
                }
            }
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + String.join(", ", expressions) + " FROM " + Sql.ident(table)
                     + " ORDER BY " + Sql.ident(key(table)))) {
            while (rows.next()) {
                for (int i = 1; i <= expressions.size(); i++) {
                    String value = rows.getString(i);
                    sha.update((value == null ? "\u0000NULL" : "=" + value + "\u0001").getBytes(StandardCharsets.UTF_8));
                }
                sha.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    @Order(10)
    void readersWithoutReloadAreWarnedAboutAndLoadDataIsUsed() {
        assertThat(warnings()).anyMatch(w -> w.contains("without a global read lock") && w.contains("RELOAD"));
        assertThat(warnings()).noneMatch(w -> w.contains("LOAD DATA LOCAL INFILE"));
        assertThat(firstRun().rows()).isEqualTo(2000 + 50 + 6000 + 6000 + 3);
    }

    @Test
    @Order(11)
    void aSourceAccountWithReloadIsReadUnderOneGlobalReadLock() throws SQLException {
        int before = warnings().size();
        sourceUser = server.adminUser();
        try {
            createTarget("doppel_copy_t4");
            copy("doppel_copy_t4", 3, false);
        } finally {
            sourceUser = READER;
        }
        assertThat(warnings().subList(before, warnings().size())).noneMatch(w -> w.contains("global read lock"));
        assertSameAsFirstTarget("doppel_copy_t4");
    }

    @Test
    @Order(12)
    void rowsGoThroughInsertWhenTheServerRefusesLocalInfile() throws SQLException {
        int before = warnings().size();
        createTarget("doppel_copy_t5");
        try (Connection admin = server.admin(""); Statement statement = admin.createStatement()) {
            statement.execute("SET GLOBAL local_infile = 0");
            try {
                copy("doppel_copy_t5", 2, false);
            } finally {
                statement.execute("SET GLOBAL local_infile = 1");
            }
        }
        assertThat(warnings().subList(before, warnings().size()))
                .anyMatch(w -> w.contains("refuses LOAD DATA LOCAL INFILE") && w.contains("INSERT"));
        assertSameAsFirstTarget("doppel_copy_t5");
    }

    @Test
    @Order(13)
    void bigTablesAreCopiedInPrimaryKeyRangesWithTheSameResult() throws SQLException {
        createTarget("doppel_copy_t6");
        int before = phases().size();
        copy("doppel_copy_t6", new CopyOptions(3, false, false, 16 * 1024, 2));
        assertThat(phases().subList(before, phases().size())).anyMatch(p -> p.matches("copying 5 tables in \\d{2,} chunks.*"));
        assertSameAsFirstTarget("doppel_copy_t6");
    }

    @Test
    @Order(14)
    void maskedValuesThatBreakAForeignKeyStopTheRunNamingTheKey() throws SQLException {
        createTarget("doppel_copy_t7");
        configEdit = yaml -> yaml.replace("customer_id: keep", "customer_id: { transformer: number_noise, percent: 50 }");
        try {
            assertThatThrownBy(() -> copy("doppel_copy_t7", 2, false)).isInstanceOfSatisfying(DoppelException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
                assertThat(e.getMessage()).contains("foreign keys of " + SOURCE + ".orders", "`fk_orders_customer`",
                        "reference no row of `customers`", "referentially consistent rule");
            });
        } finally {
            configEdit = UnaryOperator.identity();
        }
        try (Connection target = target("doppel_copy_t7")) {
            assertThat(single(target, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = DATABASE()")).isEqualTo("0");
        }
    }

    private void assertSameAsFirstTarget(String other) throws SQLException {
        try (Connection first = target(firstTarget()); Connection copy = target(other)) {
            for (String table : TABLES) {
                assertThat(digest(copy, table, Set.of())).as("%s in %s", table, other).isEqualTo(digest(first, table, Set.of()));
            }
        }
    }

    @Test
    @Order(35)
    void foreignKeysIndexesAndChecksAreThereAndHold() throws SQLException {
        try (Connection source = source(); Connection target = target(firstTarget())) {
            String indexes = "SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, '.', INDEX_NAME, ':', NON_UNIQUE, ':', INDEX_TYPE, ':',"
                    + " SEQ_IN_INDEX, ':', COLUMN_NAME) ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX)"
                    + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()";
            assertThat(single(target, indexes)).isEqualTo(single(source, indexes)).contains("ft_customers_note");
            String constraints = "SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME, ':', CONSTRAINT_TYPE)"
                    + " ORDER BY TABLE_NAME, CONSTRAINT_NAME) FROM information_schema.TABLE_CONSTRAINTS WHERE"
                    + " CONSTRAINT_SCHEMA = DATABASE()";
            assertThat(single(target, constraints)).isEqualTo(single(source, constraints))
                    .contains("fk_orders_customer:FOREIGN KEY", "chk_orders_total:CHECK");
            assertThat(single(target, "SELECT COUNT(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
                    + " WHERE c.id IS NULL")).isEqualTo("0");
            try (Statement statement = target.createStatement()) {
                assertThatThrownBy(() -> statement.execute("INSERT INTO orders (customer_id, total, ordered_at)"
                        + " VALUES (999999, 1, NOW())")).isInstanceOf(SQLIntegrityConstraintViolationException.class);
                assertThatThrownBy(() -> statement.execute("INSERT INTO orders (customer_id, total, ordered_at)"
                        + " VALUES (1000, -1, NOW())")).isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    @Order(21)
    void tablesKeepTheirEngineCharsetCollationAndAutoIncrementCounter() throws SQLException {
        try (Connection source = source(); Connection target = target(firstTarget())) {
            String tables = "SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, ':', ENGINE, ':', TABLE_COLLATION, ':',"
                    + " COALESCE(AUTO_INCREMENT, '-')) ORDER BY TABLE_NAME) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE()";
            assertThat(single(target, tables)).isEqualTo(single(source, tables))
                    .contains("customers:InnoDB:utf8mb4_general_ci:5000", "orders:InnoDB:latin1_swedish_ci:9000",
                            "legacy_log:MyISAM:");
            String columns = "SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, '.', COLUMN_NAME, ':', COLUMN_TYPE, ':',"
                    + " COALESCE(COLLATION_NAME, '-'), ':', IS_NULLABLE, ':', COALESCE(COLUMN_DEFAULT, '-'), ':', EXTRA, ':',"
                    + " COALESCE(GENERATION_EXPRESSION, '-'), ':', COLUMN_COMMENT) ORDER BY TABLE_NAME, ORDINAL_POSITION)"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()";
            assertThat(single(target, columns)).isEqualTo(single(source, columns));
            assertThat(single(target, "SELECT label FROM zero_ai WHERE id = 0")).isEqualTo("zero");
        }
    }

    @Test
    @Order(22)
    void generatedColumnsAreComputedByTheTargetFromTheMaskedValues() throws SQLException {
        try (Connection target = target(firstTarget())) {
            assertThat(single(target, "SELECT COUNT(*) FROM customers WHERE email_domain <> SUBSTRING_INDEX(email, '@', -1)"
                    + " OR name_length <> CHAR_LENGTH(full_name)")).isEqualTo("0");
            assertThat(single(target, "SELECT COUNT(*) FROM customers WHERE email_domain = 'shop.example'")).isEqualTo("0");
        }
    }

    @Test
    @Order(30)
    void viewsRoutinesAndTriggersWorkForTheTargetAccount() throws SQLException {
        String audit = "SELECT COUNT(*) FROM order_audit";
        try (Connection source = source(); Connection target = DriverManager.getConnection(server.url(firstTarget()), WRITER,
                TestServer.PASSWORD); Statement statement = target.createStatement()) {
            assertThat(single(target, audit)).as("the audit trigger did not fire during the load").isEqualTo(single(source, audit));
            assertThat(single(target, "SELECT COUNT(*) FROM big_spenders")).isEqualTo(single(source, "SELECT COUNT(*) FROM big_spenders"))
                    .isNotEqualTo("0");
            assertThat(single(target, "SELECT order_count(1007)")).isEqualTo(single(source, "SELECT order_count(1007)"));
            statement.execute("CALL add_order(1007, 12.50)");
            assertThat(single(target, "SELECT MAX(id) FROM orders")).isEqualTo("9000");
            assertThat(single(target, "SELECT COUNT(*) FROM order_audit WHERE order_id = 9000")).isEqualTo("1");
            statement.execute("INSERT INTO customers (email, full_name, city) VALUES ('new@example.com', 'New', 'Kyoto')");
            assertThat(single(target, "SELECT CONCAT(id, ' ', city) FROM customers WHERE email = 'new@example.com'"))
                    .as("AUTO_INCREMENT kept, and the trigger still concatenates under PIPES_AS_CONCAT").isEqualTo("5000 Kyoto!");
            String definers = "SELECT DISTINCT definer FROM (SELECT DEFINER AS definer FROM information_schema.VIEWS"
                    + " WHERE TABLE_SCHEMA = DATABASE() UNION ALL SELECT DEFINER FROM information_schema.ROUTINES"
                    + " WHERE ROUTINE_SCHEMA = DATABASE() UNION ALL SELECT DEFINER FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA = DATABASE() UNION ALL SELECT DEFINER FROM information_schema.EVENTS"
                    + " WHERE EVENT_SCHEMA = DATABASE()) d";
            assertThat(single(target, definers)).isEqualTo(WRITER + "@%");
            assertThat(single(target, "SELECT GROUP_CONCAT(TRIGGER_NAME ORDER BY TRIGGER_NAME) FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA = DATABASE()")).isEqualTo("customers_city,orders_audit");
        }
    }

    @Test
    @Order(31)
    void eventsAreCopiedDisabled() throws SQLException {
        try (Connection source = source(); Connection target = target(firstTarget())) {
            String events = "SELECT CONCAT(EVENT_NAME, ':', STATUS, ':', INTERVAL_VALUE, ' ', INTERVAL_FIELD, ':', STARTS)"
                    + " FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()";
            assertThat(single(source, events)).startsWith("purge_audit:ENABLED:");
            assertThat(single(target, events)).isEqualTo(single(source, events).replace("ENABLED", "DISABLED"));
        }
    }

    @Test
    @Order(40)
    void planReadsTheSchemaAndWritesNothing() {
        var config = new ConfigLoader(TransformerRegistry.load(), environment()::get)
                .parse(config("doppel_copy_never"), "plan.yml", Path.of("."), null);
        MaskedCopy.Planned planned = new MaskedCopy(TransformerRegistry.load(), Engines.load()).plan(config);
        assertThat(planned.schema().engine()).isEqualTo("mysql");
        assertThat(planned.schema().serverVersion()).startsWith("MariaDB ");
        assertThat(planned.plan().maskedColumns()).isEqualTo(6);
        var customers = planned.schema().table(new dev.doppel.core.schema.TableName(SOURCE, "customers")).orElseThrow();
        assertThat(customers.column("tier").orElseThrow().defaultValue()).isEqualTo("bronze");
        assertThat(customers.column("prefs").orElseThrow().kind()).isEqualTo(dev.doppel.core.schema.ColumnKind.JSON);
        assertThat(customers.column("email_domain").orElseThrow().generated()).isTrue();
        assertThat(customers.column("email").orElseThrow().unique()).isTrue();
        Map<String, DdlStatement.Phase> objects = new TreeMap<>();
        planned.plan().ddl().forEach(s -> objects.put(s.object(), s.phase()));
        assertThat(objects).containsEntry("table doppel_src.customers", DdlStatement.Phase.PRE_DATA)
                .containsEntry("view doppel_src.big_spenders", DdlStatement.Phase.PRE_DATA)
                .containsEntry("function doppel_src.order_count", DdlStatement.Phase.PRE_DATA)
                .containsEntry("procedure doppel_src.add_order", DdlStatement.Phase.PRE_DATA)
                .containsEntry("indexes of doppel_src.customers", DdlStatement.Phase.POST_DATA)
                .containsEntry("full-text index of doppel_src.customers", DdlStatement.Phase.POST_DATA)
                .containsEntry("foreign keys of doppel_src.orders", DdlStatement.Phase.POST_DATA)
                .containsEntry("trigger doppel_src.orders_audit", DdlStatement.Phase.POST_DATA)
                .containsEntry("event doppel_src.purge_audit (disabled)", DdlStatement.Phase.POST_DATA);
        assertThat(planned.plan().ddl()).noneMatch(s -> s.sql().matches("(?s).*DEFINER\\s*=.*"));
    }
}
