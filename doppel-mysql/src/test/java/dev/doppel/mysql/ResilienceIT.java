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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Transient errors are retried, permanent ones fail fast, and an interrupted run resumes exactly,
 * on a real MariaDB: connections are killed from the server side ({@code KILL}) from another
 * session while they load rows or build indexes. The source has an InnoDB table split into key
 * ranges, a MyISAM table (no transactions, so a failed load leaves rows behind) and a table
 * without a key (one chunk).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResilienceIT {
    private static final long CHUNK_BYTES = 256 * 1024;
    private static final String SOURCE = "doppel_res_src";
    private static final long PEOPLE = 100_000;
    private static final long ALL_ROWS = PEOPLE + 33_334 + 40_000;
    private final TestServer server = TestServer.get();
    private final MaskedCopy copy = new MaskedCopy(TransformerRegistry.load(), Engines.load());
    private Map<String, String> sourceSums;

    @BeforeAll
    void createSource() throws Exception {
        server.recreate(SOURCE);
        server.run(SOURCE, """
                CREATE TABLE people (id int PRIMARY KEY, email varchar(100) NOT NULL, note varchar(200),
                    UNIQUE KEY uq_people_email (email), FULLTEXT KEY ft_people_note (note));
                INSERT INTO people SELECT i, CONCAT('person-', i), CONCAT(REPEAT('n', 60), ' word', i % 5000)
                    FROM @N WHERE i <= 100000;
                CREATE TABLE tags (person_id int, tag varchar(10), KEY ix_tags_person (person_id),
                    CONSTRAINT fk_tags_person FOREIGN KEY (person_id) REFERENCES people (id));
                INSERT INTO tags SELECT i, CONCAT('t', i % 7) FROM @N WHERE i % 3 = 1;
                CREATE TABLE legacy (id int PRIMARY KEY, v varchar(100)) ENGINE=MyISAM;
                INSERT INTO legacy SELECT i, REPEAT('l', 80) FROM @N WHERE i <= 40000;
                ANALYZE TABLE people, tags, legacy;
                """.replace("@N", server.numbers()));
        try (Connection connection = server.admin(SOURCE)) {
            sourceSums = TableSums.of(connection);
        }
        assertThat(sourceSums).hasSize(3);
    }

    private DoppelConfig config(String target, String where, String key) {
        String yaml = """
                version: 1
                source: { url: "%s", user: "%s", password: "${env:PW}" }
                target: { url: "%s", user: "%s", password: "${env:PW}" }
                masking:
                  key: "%s"
                  tables:
                    %s.people: { %s columns: { id: keep, email: keep, note: keep } }
                    %s.tags: { columns: { person_id: keep, tag: keep } }
                    %s.legacy: { columns: { id: keep, v: keep } }
                """.formatted(server.url(SOURCE), server.adminUser(), server.url(target), server.adminUser(), key, SOURCE,
                where == null ? "" : "where: \"" + where + "\",", SOURCE, SOURCE);
        Map<String, String> env = Map.of("PW", server.adminPassword());
        return new ConfigLoader(TransformerRegistry.load(), env::get).parse(yaml, "resilience.yml", Path.of("."), null);
    }

    private DoppelConfig config(String target) {
        return config(target, null, "resilience-key-0123456789abcdefghij");
    }

    @Test
    void connectionsKilledFromTheServerAreRetriedAndTheResultIsComplete() throws Exception {
        String target = "doppel_res_retried";
        List<String> warnings = new CopyOnWriteArrayList<>();
        RunSummary summary = runWhile(target, warnings, () -> {
            killOnce(target, "LOAD DATA%`people`%");
            killOnce(target, "LOAD DATA%`legacy`%");
        });
        assertThat(summary.retries()).isGreaterThanOrEqualTo(2);
        assertThat(warnings).anyMatch(w -> w.contains("people") && w.contains("again (attempt 2 of 5)"))
                .anyMatch(w -> w.contains("legacy") && w.contains("again (attempt 2 of 5)"))
                .as("the target's connections were killed, not the source's: the retries read in the copy's snapshot")
                .noneMatch(w -> w.contains("opened again"));
        assertSameAsSource(target);
    }

    @Test
    void aChunkWhoseSourceConnectionWasKilledIsReadAgainInANewSnapshotAndTheRunSaysSo() throws Exception {
        String target = "doppel_res_reread";
        List<String> warnings = new CopyOnWriteArrayList<>();
        RunSummary summary = runWhile(target, warnings,
                () -> killOnce(SOURCE, "SELECT CAST(%FROM `" + SOURCE + "`.`people` WHERE%"));
        assertThat(summary.retries()).isGreaterThanOrEqualTo(1);
        assertThat(warnings).anyMatch(w -> w.contains("Reading " + SOURCE + ".people") && w.contains("again (attempt 2 of 5)"))
                .anyMatch(w -> w.contains("opened again"));
        assertSameAsSource(target);
    }

    @Test
    void aPermanentErrorFailsAtOnceWithoutRetrying() throws SQLException {
        String target = "doppel_res_permanent";
        server.recreate(target);
        List<String> warnings = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> copy.run(config(target, "no_such_column > 0", "resilience-key-0123456789abcdefghij"),
                new CopyOptions(2, false, false, CHUNK_BYTES, 5), collecting(warnings)))
                .isInstanceOfSatisfying(DoppelException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
                    assertThat(e.getMessage()).contains("Reading " + SOURCE + ".people", "no_such_column", "1054",
                            "'where' predicate");
                });
        assertThat(warnings).noneMatch(w -> w.contains("again"));
    }

    @Test
    void anInterruptedRunResumesWithoutCopyingFinishedChunksAgain() throws Exception {
        String target = "doppel_res_resumed";
        server.recreate(target);
        AtomicInteger doneWhenKilled = new AtomicInteger();
        Thread killer = new Thread(() -> {
            waitForFinishedChunks(target, 3);
            try (Connection connection = server.admin(target)) {
                doneWhenKilled.set((int) count(connection, "SELECT COUNT(*) FROM _doppel_chunks WHERE done"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            killOnce(target, "LOAD DATA%");
        });
        killer.start();
        assertThatThrownBy(() -> copy.run(config(target), new CopyOptions(1, false, false, CHUNK_BYTES, 1), CopyListener.NONE))
                .isInstanceOf(DoppelException.class);
        killer.join();
        try (Connection connection = server.admin(target)) {
            assertThat(count(connection, "SELECT COUNT(*) FROM _doppel_chunks WHERE done")).isGreaterThanOrEqualTo(3);
            assertThat(count(connection, "SELECT COUNT(*) FROM _doppel_chunks WHERE NOT done")).isPositive();
            leaveWhatAKilledMyIsamLoadLeaves(connection);
        }

        assertThatThrownBy(() -> copy.run(config(target), new CopyOptions(1, false), CopyListener.NONE))
                .isInstanceOf(DoppelException.class).hasMessageContaining("unfinished run").hasMessageContaining("--resume");
        assertThatThrownBy(() -> copy.run(config(target, null, "another-key-0123456789abcdefghijklmn"),
                new CopyOptions(1, false, true, CHUNK_BYTES, 1), CopyListener.NONE))
                .isInstanceOf(DoppelException.class).hasMessageContaining("another config");

        RunSummary resumed = copy.run(config(target), new CopyOptions(2, false, true, CHUNK_BYTES, 5), CopyListener.NONE);
        assertThat(resumed.resumedChunks()).isGreaterThanOrEqualTo(doneWhenKilled.get()).isGreaterThanOrEqualTo(3);
        assertThat(resumed.rows()).isLessThan(ALL_ROWS);
        assertSameAsSource(target);
        try (Connection connection = server.admin(target)) {
            assertThat(count(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME LIKE '\\_doppel%'")).isZero();
            assertThat(count(connection, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = DATABASE()")).isEqualTo(1);
        }
    }

    /**
     * A load into a table without transactions that is killed keeps the rows it had inserted:
     * here, the first half of an unfinished chunk of the MyISAM table, which the resumed run must
     * not duplicate.
     */
    private static void leaveWhatAKilledMyIsamLoadLeaves(Connection connection) throws SQLException {
        String predicate = single(connection, "SELECT predicate FROM _doppel_chunks WHERE table_name = 'legacy' AND NOT done"
                + " ORDER BY ordinal LIMIT 1");
        assertThat(predicate).contains("`id`");
        try (Statement statement = connection.createStatement()) {
            long rows = statement.executeUpdate("INSERT INTO legacy SELECT * FROM " + SOURCE + ".legacy WHERE " + predicate
                    + " ORDER BY id LIMIT 1000");
            assertThat(rows).isEqualTo(1000);
        }
    }

    @Test
    void aRunInterruptedWhileBuildingIndexesResumesWithTheIndexesAlreadyBuilt() throws Exception {
        String target = "doppel_res_indexes";
        server.recreate(target);
        Thread killer = new Thread(() -> killOnce(target, "ALTER TABLE%FULLTEXT%"));
        killer.start();
        assertThatThrownBy(() -> copy.run(config(target), new CopyOptions(1, false, false, CHUNK_BYTES, 1), CopyListener.NONE))
                .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.getMessage()).contains("full-text index of"));
        killer.join();
        try (Connection connection = server.admin(target)) {
            assertThat(single(connection, "SELECT phase FROM _doppel_run")).isEqualTo("CONSTRAINTS");
            assertThat(count(connection, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND INDEX_NAME = 'uq_people_email'")).isEqualTo(1);
        }

        RunSummary resumed = copy.run(config(target), new CopyOptions(2, false, true, CHUNK_BYTES, 5), CopyListener.NONE);
        assertThat(resumed.rows()).isZero();
        assertThat(resumed.resumedChunks()).isPositive();
        assertSameAsSource(target);
        String indexes = "SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, '.', INDEX_NAME, ':', NON_UNIQUE, ':', INDEX_TYPE, ':',"
                + " COLUMN_NAME) ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX) FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = DATABASE()";
        try (Connection source = server.admin(SOURCE); Connection connection = server.admin(target)) {
            assertThat(single(connection, indexes)).isEqualTo(single(source, indexes)).contains("ft_people_note");
            assertThat(count(connection, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = DATABASE()")).isEqualTo(1);
        }
    }

    @Test
    void resumeNeedsAnUnfinishedRun() throws SQLException {
        String target = "doppel_res_nothing";
        server.recreate(target);
        assertThatThrownBy(() -> copy.run(config(target), new CopyOptions(1, false, true, CHUNK_BYTES, 1), CopyListener.NONE))
                .isInstanceOf(DoppelException.class).hasMessageContaining("no unfinished run");
    }

    /** Runs a fresh copy into {@code target} while {@code killing} kills connections from another thread. */
    private RunSummary runWhile(String target, List<String> warnings, Runnable killing) throws Exception {
        server.recreate(target);
        Thread killer = new Thread(killing);
        killer.start();
        RunSummary summary = copy.run(config(target), new CopyOptions(2, false, false, CHUNK_BYTES, 5), collecting(warnings));
        killer.join();
        return summary;
    }

    private static CopyListener collecting(List<String> warnings) {
        return new CopyListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
    }

    private void assertSameAsSource(String target) throws SQLException {
        try (Connection connection = server.admin(target)) {
            assertThat(TableSums.of(connection)).isEqualTo(sourceSums);
        }
    }

    private void waitForFinishedChunks(String target, int chunks) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection connection = server.admin(target)) {
                if (count(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = '_doppel_chunks'") > 0
                        && count(connection, "SELECT COUNT(*) FROM _doppel_chunks WHERE done") >= chunks) {
                    return;
                }
            } catch (SQLException e) {
                // the ledger is being created; look again
            }
            sleep(5);
        }
        throw new AssertionError("no chunk finished within a minute");
    }

    /** Kills (KILL CONNECTION, from another session) the first connection in {@code database} running a statement like {@code pattern}. */
    private void killOnce(String database, String pattern) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Connection connection = server.admin("");
             PreparedStatement find = connection.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST"
                     + " WHERE DB = ? AND COMMAND = 'Query' AND INFO LIKE ? LIMIT 1");
             Statement kill = connection.createStatement()) {
            find.setString(1, database);
            find.setString(2, pattern);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = find.executeQuery()) {
                    if (rows.next()) {
                        kill.execute("KILL CONNECTION " + rows.getLong(1));
                        return;
                    }
                }
                sleep(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no statement like " + pattern + " seen within a minute");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        return Long.parseLong(single(connection, sql));
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
