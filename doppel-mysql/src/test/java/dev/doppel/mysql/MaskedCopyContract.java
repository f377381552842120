package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.transform.TransformerRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What every relational engine's masked copy must do, against a real server: equal row counts,
 * every ruled non-NULL, non-empty value changed, NULLs and empty strings kept, every other value
 * unchanged, the same output for the same key on every run, a non-empty target refused without
 * {@code --replace}, and the source left as it was. An engine's test supplies the servers, the fixture and the digests;
 * the first copy's target is kept for the engine's own checks ({@link #firstTarget()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MaskedCopyContract {
    protected static final String KEY = "contract-test-key-0123456789-abcdefghij";

    private final Map<String, String> sourceDigests = new HashMap<>();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final List<String> phases = Collections.synchronizedList(new ArrayList<>());
    private RunSummary firstRun;

    /** The config of a copy into {@code target}; secrets as {@code ${env:…}} from {@link #environment()}. */
    protected abstract String config(String target);

    protected abstract Map<String, String> environment();

    /** Creates an empty target database (dropping one left from an earlier run). */
    protected abstract void createTarget(String target) throws SQLException;

    protected abstract Connection source() throws SQLException;

    protected abstract Connection target(String target) throws SQLException;

    /** The copied tables, unqualified. */
    protected abstract List<String> tables();

    /** The ruled columns of each table that has any. */
    protected abstract Map<String, Set<String>> ruled();

    /** The column that orders a table's rows the same way on both sides. */
    protected abstract String key(String table);

    /** A digest of every row of the table over its stored columns except {@code without}. */
    protected abstract String digest(Connection connection, String table, Set<String> without) throws SQLException;

    /** The prefix of the target databases this test creates: {@code <prefix>_t1}, {@code _t2}, … */
    protected abstract String targetPrefix();

    protected final String firstTarget() {
        return targetPrefix() + "_t1";
    }

    protected final List<String> warnings() {
        return List.copyOf(warnings);
    }

    protected final RunSummary firstRun() {
        return firstRun;
    }

    protected final RunSummary copy(String target, int jobs, boolean replace) {
        return copy(target, new CopyOptions(jobs, replace));
    }

    protected final List<String> phases() {
        return List.copyOf(phases);
    }

    protected final RunSummary copy(String target, CopyOptions options) {
        DoppelConfig config = new ConfigLoader(TransformerRegistry.load(), environment()::get)
                .parse(config(target), "contract.yml", Path.of("."), null);
        return new MaskedCopy(TransformerRegistry.load(), Engines.load()).run(config, options,
                new CopyListener() {
                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }

                    @Override
                    public void phase(String description) {
                        phases.add(description);
                    }
                });
    }

    @Test
    @Order(1)
    void copyMasksEveryRuledValueAndKeepsEveryOtherOne() throws SQLException {
        try (Connection source = source()) {
            for (String table : tables()) {
                sourceDigests.put(table, digest(source, table, Set.of()));
            }
        }
        createTarget(firstTarget());
        firstRun = copy(firstTarget(), 3, false);
        assertThat(firstRun.tables()).hasSize(tables().size());
        try (Connection source = source(); Connection target = target(firstTarget())) {
            for (String table : tables()) {
                assertThat(count(target, table)).as("rows of %s", table).isEqualTo(count(source, table)).isPositive();
                Set<String> ruled = ruled().getOrDefault(table, Set.of());
                assertThat(digest(target, table, ruled)).as("unruled columns of %s", table)
                        .isEqualTo(digest(source, table, ruled));
                for (String column : ruled) {
                    assertRuled(source, target, table, column);
                }
            }
        }
    }

    private void assertRuled(Connection source, Connection target, String table, String column) throws SQLException {
        List<String> before = column(source, table, column);
        List<String> after = column(target, table, column);
        assertThat(after).hasSameSizeAs(before);
        int values = 0;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) == null) {
                assertThat(after.get(i)).as("NULL kept in %s.%s", table, column).isNull();
            } else if (before.get(i).isEmpty()) {
                assertThat(after.get(i)).as("empty string kept in %s.%s, like NULL", table, column).isEmpty();
            } else {
                values++;
                assertThat(after.get(i)).as("masked value of %s.%s", table, column).isNotNull().isNotEqualTo(before.get(i));
            }
        }
        assertThat(values).as("non-NULL values in %s.%s", table, column).isPositive();
    }

    @Test
    @Order(2)
    void theSameKeyGivesTheSameCopyOnEveryRun() throws SQLException {
        String second = targetPrefix() + "_t2";
        createTarget(second);
        copy(second, 1, false);
        try (Connection first = target(firstTarget()); Connection again = target(second)) {
            for (String table : tables()) {
                assertThat(digest(again, table, Set.of())).as("second copy of %s", table)
                        .isEqualTo(digest(first, table, Set.of()));
            }
        }
    }

    @Test
    @Order(3)
    void aNonEmptyTargetIsRefusedUnlessReplaced() throws SQLException {
        String third = targetPrefix() + "_t3";
        createTarget(third);
        copy(third, 2, false);
        assertThatThrownBy(() -> copy(third, 2, false)).isInstanceOfSatisfying(DoppelException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT)).hasMessageContaining("not empty");
        copy(third, 2, true);
        try (Connection first = target(firstTarget()); Connection replaced = target(third)) {
            for (String table : tables()) {
                assertThat(digest(replaced, table, Set.of())).as("replaced copy of %s", table)
                        .isEqualTo(digest(first, table, Set.of()));
            }
        }
    }

    @Test
    @Order(100)
    void theSourceIsLeftAsItWas() throws SQLException {
        assertThat(sourceDigests).isNotEmpty();
        try (Connection source = source()) {
            for (String table : tables()) {
                assertThat(digest(source, table, Set.of())).as("source %s", table).isEqualTo(sourceDigests.get(table));
            }
        }
    }

    protected static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + Sql.ident(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<String> column(Connection connection, String table, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + Sql.ident(column) + " FROM " + Sql.ident(table)
                     + " ORDER BY " + Sql.ident(key(table)))) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    protected static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? Objects.toString(rows.getString(1), null) : null;
        }
    }
}
