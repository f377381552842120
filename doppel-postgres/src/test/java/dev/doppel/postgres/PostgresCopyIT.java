package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.transform.TransformerRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The masked PostgreSQL → PostgreSQL copy on a fixture with every kind of object. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCopyIT {
    private final TestPostgres server = TestPostgres.get();
    private final MaskedCopy copy = new MaskedCopy(TransformerRegistry.load(), Engines.load());
    private String source;
    private String target;
    /** A second copy made with one job, for determinism and for the tests that write to the target. */
    private String writable;
    private Map<String, String> sourceBefore;
    private Map<String, String> targetAfterRun;
    private Map<String, String> writableAfterRun;
    private RunSummary summary;

    @BeforeAll
    void copyTheFixture() throws SQLException {
        source = Fixture.createSource(server);
        target = server.createDatabase("target");
        try (Connection connection = server.connect(source)) {
            sourceBefore = TableChecksums.of(connection);
        }
        summary = copy.run(Fixture.config(server, source, target), new CopyOptions(2, false), CopyListener.NONE);
        writable = server.createDatabase("target");
        copy.run(Fixture.config(server, source, writable), new CopyOptions(1, false), CopyListener.NONE);
        try (Connection a = server.connect(target); Connection b = server.connect(writable)) {
            targetAfterRun = TableChecksums.of(a);
            writableAfterRun = TableChecksums.of(b);
        }
    }

    @Test
    void copiesEveryRowOfCopiedTablesAndNoneOfTheOthers() throws SQLException {
        Map<String, Long> sourceCounts = counts(source);
        Map<String, Long> targetCounts = counts(target);
        for (String table : new String[] {"app.countries", "app.customers", "app.orders", "app.order_lines", "app.events_2024",
                "app.events_2025"}) {
            assertThat(targetCounts.get(table)).as(table).isEqualTo(sourceCounts.get(table)).isPositive();
        }
        assertThat(targetCounts.get("app.audit")).isZero();
        assertThat(targetCounts).doesNotContainKey("app.scratch");
        assertThat(relationExists(target, "app.scratch_view")).isFalse();
        assertThat(summary.rows()).isEqualTo(3 + 500 + 2000 + 4000 + 1000);
        assertThat(summary.maskedColumns()).isEqualTo(7);
    }

    @Test
    void changesEveryNonNullValueOfRuledColumnsAndKeepsNulls() throws SQLException {
        String ruled = "SELECT id, email, full_name, phone FROM app.customers ORDER BY id";
        var before = rows(source, ruled);
        var after = rows(target, ruled);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            for (int column = 1; column < 4; column++) {
                String original = before.get(i).get(column);
                if (original != null) {
                    assertThat(after.get(i).get(column)).as("row %d column %d", i, column).isNotNull().isNotEqualTo(original);
                }
            }
        }
        assertThat(scalar(target, "SELECT count(*) FROM app.customers WHERE phone IS NULL"))
                .isEqualTo(scalar(source, "SELECT count(*) FROM app.customers WHERE phone IS NULL")).isPositive();
        assertThat(scalar(target, "SELECT count(*) FROM app.customers WHERE profile IS NOT NULL OR avatar IS NOT NULL"
                + " OR home IS NOT NULL")).isZero();
        assertThat(scalar(target, "SELECT count(*) FROM app.orders WHERE contact_email IS NULL"))
                .isEqualTo(scalar(source, "SELECT count(*) FROM app.orders WHERE contact_email IS NULL")).isPositive();
        assertThat(scalar(target, "SELECT count(*) FROM app.orders WHERE contact_email LIKE '%@example.org'")).isZero();
        assertThat(scalar(target, "SELECT count(*) FROM app.customers WHERE length(full_name) = 20")).isEqualTo(500);
    }

    @Test
    void keepsUntouchedColumnsByteForByteIncludingEscapes() throws SQLException {
        assertThat(rows(target, "SELECT id, tags::text, mood::text, score, country, updated_at::text FROM app.customers ORDER BY id"))
                .isEqualTo(rows(source, "SELECT id, tags::text, mood::text, score, country, updated_at::text FROM app.customers ORDER BY id"));
        assertThat(scalar(target, "SELECT count(*) FROM app.customers WHERE tags[2] = E'tab\\there' AND tags[4] = E'new\\nline'"))
                .isEqualTo(500);
    }

    @Test
    void sameInputMasksToTheSameValueAcrossTables() throws SQLException {
        String join = "SELECT count(*) FROM app.orders o JOIN app.customers c ON c.email = o.contact_email";
        assertThat(scalar(target, join)).isEqualTo(scalar(source, join)).isPositive();
    }

    @Test
    void foreignKeysHoldAndAreEnforced() throws SQLException {
        String foreignKeys = "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'app'::regnamespace";
        assertThat(scalar(writable, foreignKeys)).isEqualTo(scalar(source, foreignKeys)).isEqualTo(3);
        assertThat(scalar(writable, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")).isZero();
        assertThatThrownBy(() -> execute(writable, "INSERT INTO app.orders (customer_id, placed_on, invoice) VALUES (999999, now(), 1)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("foreign key");
    }

    @Test
    void sequencesContinueAfterTheCopiedRows() throws SQLException {
        assertThat(scalar(writable, "SELECT last_value FROM app.orders_id_seq"))
                .isGreaterThanOrEqualTo(scalar(writable, "SELECT max(id) FROM app.orders"));
        assertThat(scalar(writable, "SELECT last_value FROM app.invoice_no"))
                .isEqualTo(scalar(source, "SELECT last_value FROM app.invoice_no"));
        execute(writable, "INSERT INTO app.customers (email, full_name) VALUES ('new@example.com', 'New')");
        assertThat(scalar(writable, "SELECT max(id) FROM app.customers")).isEqualTo(501);
    }

    @Test
    void viewsFunctionsTriggersTypesAndCommentsWork() throws SQLException {
        assertThat(scalar(writable, "SELECT count(*) FROM app.customer_spend")).isEqualTo(500);
        assertThat(scalar(writable, "SELECT app.order_total(2)::bigint * 100"))
                .isEqualTo(scalar(source, "SELECT app.order_total(2)::bigint * 100"));
        assertThat(scalar(writable, "SELECT sum(n) FROM app.orders_per_day")).isEqualTo(2000);
        execute(writable, "UPDATE app.customers SET country = 'JP' WHERE id = 3");
        assertThat(scalar(writable, "SELECT count(*) FROM app.customers WHERE id = 3 AND updated_at > now()")).isEqualTo(1);
        assertThatThrownBy(() -> execute(writable, "UPDATE app.customers SET score = 0 WHERE id = 4"))
                .hasMessageContaining("positive");
        assertThat(text(writable, "SELECT obj_description('app.customers'::regclass, 'pg_class')")).isEqualTo("People who buy things");
        assertThat(text(writable, "SELECT col_description('app.customers'::regclass, 2)")).isEqualTo("Login");
        assertThat(text(writable, "SELECT count(*)::text FROM pg_indexes WHERE schemaname = 'app' AND indexname = 'events_kind_idx'"))
                .isEqualTo("1");
        assertThat(scalar(writable, "SELECT count(*) FROM app.customers WHERE email_domain = 'example.com'")).isEqualTo(500);
    }

    @Test
    void neverWritesToTheSource() throws SQLException {
        try (Connection connection = server.connect(source)) {
            assertThat(TableChecksums.of(connection)).isEqualTo(sourceBefore);
        }
    }

    @Test
    void twoRunsWithTheSameKeyGiveIdenticalData() {
        assertThat(writableAfterRun).isEqualTo(targetAfterRun).hasSize(7);
    }

    @Test
    void refusesANonEmptyTargetWithoutReplaceAndLeavesItUntouched() throws SQLException {
        String other = server.createDatabase("target");
        DoppelConfig config = Fixture.config(server, source, other);
        copy.run(config, new CopyOptions(2, false), CopyListener.NONE);
        execute(other, "INSERT INTO app.countries VALUES ('FR', 'France')");
        Map<String, String> before;
        try (Connection connection = server.connect(other)) {
            before = TableChecksums.of(connection);
        }
        assertThatThrownBy(() -> copy.run(config, new CopyOptions(2, false), CopyListener.NONE))
                .isInstanceOf(DoppelException.class)
                .hasMessageContaining("not empty").hasMessageContaining("--replace")
                .extracting(e -> ((DoppelException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        try (Connection connection = server.connect(other)) {
            assertThat(TableChecksums.of(connection)).isEqualTo(before);
        }
        copy.run(config, new CopyOptions(2, true), CopyListener.NONE);
        assertThat(scalar(other, "SELECT count(*) FROM app.countries")).isEqualTo(3);
    }

    private Map<String, Long> counts(String database) throws SQLException {
        try (Connection connection = server.connect(database)) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            TableChecksums.counts(connection).forEach((k, v) -> counts.put(k.replace("\"", ""), v));
            return counts;
        }
    }

    private boolean relationExists(String database, String name) throws SQLException {
        return scalar(database, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname || '.' || c.relname = '" + name + "'") > 0;
    }

    long scalar(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String text(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private java.util.List<java.util.List<String>> rows(String database, String sql) throws SQLException {
        java.util.List<java.util.List<String>> result = new java.util.ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                java.util.List<String> row = new java.util.ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
        }
        return result;
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
