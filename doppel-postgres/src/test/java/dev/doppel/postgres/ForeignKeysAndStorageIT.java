package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.transform.TransformerRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Foreign keys are added {@code NOT VALID} and validated apart where PostgreSQL allows it, and
 * tables are loaded with autovacuum off: the target still ends with the source's keys, each as
 * valid or not as on the source, and the source's storage settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignKeysAndStorageIT {
    private static final String SCHEMA = """
            CREATE TABLE customers (id int PRIMARY KEY, code text NOT NULL UNIQUE, referrer_id int REFERENCES customers (id));
            INSERT INTO customers SELECT i, 'c' || i, CASE WHEN i > 1 THEN i / 2 END FROM generate_series(1, 2000) AS i;
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id),
                customer_code text REFERENCES customers (code) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED);
            CREATE INDEX orders_customer ON orders (customer_id);
            INSERT INTO orders SELECT i, 1 + i % 2000, 'c' || (1 + i % 1000) FROM generate_series(1, 20000) AS i;
            CREATE TABLE legacy (id int PRIMARY KEY, customer_id int) WITH (fillfactor = 80, autovacuum_enabled = false);
            INSERT INTO legacy VALUES (1, 5), (2, 999999);
            ALTER TABLE legacy ADD CONSTRAINT legacy_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
            CREATE TABLE events (id int NOT NULL, customer_id int REFERENCES customers (id), at date NOT NULL)
                PARTITION BY RANGE (at);
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            INSERT INTO events SELECT i, 1 + i % 2000, date '2025-01-01' + i % 300 FROM generate_series(1, 3000) AS i;
            """;
    private static final String FOREIGN_KEYS = "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
            + " || ' validated=' || convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY 1";
    private static final String STORAGE = "SELECT relname || ' ' || coalesce(array_to_string(reloptions, ','), '-')"
            + " FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace ORDER BY 1";

    private final TestPostgres server = TestPostgres.get();
    private String source;
    private String target;

    @BeforeAll
    void copy() throws Exception {
        source = server.createDatabase("source");
        target = server.createDatabase("target");
        SqlScript.run(server, source, SCHEMA);
        DoppelConfig config = Fixture.config(server, source, target, """
                  unclassified: warn
                  tables: {}
                """);
        new MaskedCopy(TransformerRegistry.load(), Engines.load()).run(config, new CopyOptions(2, false), CopyListener.NONE);
    }

    @Test
    void everyForeignKeyEndsAsOnTheSourceValidatedOrNot() throws SQLException {
        List<String> keys = lines(target, FOREIGN_KEYS);
        assertThat(keys).isEqualTo(lines(source, FOREIGN_KEYS)).hasSize(6)
                .contains("legacy legacy_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers(id) NOT VALID validated=false")
                .filteredOn(key -> !key.startsWith("legacy ")).allMatch(key -> key.endsWith("validated=true"));
        assertThat(lines(target, "SELECT count(*) FROM legacy")).containsExactly("2");
    }

    @Test
    void tablesEndWithTheSourcesStorageSettingsAutovacuumIncluded() throws SQLException {
        assertThat(lines(target, STORAGE)).isEqualTo(lines(source, STORAGE))
                .contains("legacy fillfactor=80,autovacuum_enabled=false", "customers -");
    }

    private List<String> lines(String database, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines;
    }
}
