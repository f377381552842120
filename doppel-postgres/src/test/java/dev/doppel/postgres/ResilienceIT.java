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
import dev.doppel.core.pipeline.TableProgress;
import dev.doppel.core.transform.TransformerRegistry;
import java.sql.Connection;
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

/** Transient errors are retried, permanent ones fail fast, and an interrupted run resumes exactly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResilienceIT {
    private static final long CHUNK_BYTES = 256 * 1024;
    private final TestPostgres server = TestPostgres.get();
    private final MaskedCopy copy = new MaskedCopy(TransformerRegistry.load(), Engines.load());
    private String source;
    private Map<String, String> sourceSums;

    @BeforeAll
    void createSource() throws Exception {
        source = server.createDatabase("resilience");
        SqlScript.run(server, source, """
                CREATE TABLE people (id integer PRIMARY KEY, label text NOT NULL, note text);
                INSERT INTO people SELECT i, 'person-' || i, repeat('n', 60) FROM generate_series(1, 300000) i;
                CREATE TABLE tags (person_id integer REFERENCES people (id), tag text);
                INSERT INTO tags SELECT i, 't' || (i % 7) FROM generate_series(1, 300000, 3) i;
                ANALYZE;
                """);
        try (Connection connection = server.connect(source)) {
            sourceSums = TableChecksums.of(connection);
        }
    }

    private DoppelConfig config(String target, String where) {
        return Fixture.load("""
                version: 1
                source: { url: "%s", user: "%s", password: "${env:PGPASS}" }
                target: { url: "%s", user: "%s", password: "${env:PGPASS}" }
                masking:
                  key: "${env:DOPPEL_KEY}"
                  tables:
                    public.people: { %s columns: { id: keep, label: keep, note: keep } }
                    public.tags: { columns: { person_id: keep, tag: keep } }
                """.formatted(server.url(source), server.user(), server.url(target), server.user(),
                where == null ? "" : "where: \"" + where + "\","), server);
    }

    @Test
    void aConnectionKilledFromTheServerIsRetriedAndTheResultIsComplete() throws Exception {
        String target = server.createDatabase("retried");
        List<String> warnings = new CopyOnWriteArrayList<>();
        Thread killer = new Thread(() -> terminateOnce(target, "doppel (target)"));
        RunSummary summary = copy.run(config(target, null), new CopyOptions(2, false, false, CHUNK_BYTES, 5), new CopyListener() {
            @Override
            public void tableStarted(TableProgress table) {
                if (table.table().name().equals("people")) {
                    killer.start();
                }
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        killer.join();
        assertThat(summary.retries()).isGreaterThanOrEqualTo(1);
        assertThat(warnings).anyMatch(w -> w.contains("again (attempt 2 of 5)"));
        assertSameAsSource(target);
    }

    @Test
    void aPermanentErrorFailsAtOnceWithoutRetrying() {
        String target = server.createDatabase("permanent");
        List<String> warnings = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> copy.run(config(target, "no_such_column > 0"), new CopyOptions(2, false, false, CHUNK_BYTES, 5),
                new CopyListener() {
                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                }))
                .isInstanceOfSatisfying(DoppelException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
                    assertThat(e.getMessage()).contains("Reading public.people", "no_such_column", "42703", "'where' predicate");
                });
        assertThat(warnings).noneMatch(w -> w.contains("again"));
    }

    @Test
    void anInterruptedRunResumesWithoutCopyingFinishedChunksAgain() throws Exception {
        String target = server.createDatabase("resumed");
        AtomicInteger doneWhenKilled = new AtomicInteger();
        Thread killer = new Thread(() -> {
            waitForFinishedChunks(target, 3);
            try (Connection connection = server.connect(target)) {
                doneWhenKilled.set((int) count(connection, "SELECT count(*) FROM _doppel.chunks WHERE done"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            terminateOnce(target, "doppel (target)");
        });
        killer.start();
        assertThatThrownBy(() -> copy.run(config(target, null), new CopyOptions(1, false, false, CHUNK_BYTES, 1), CopyListener.NONE))
                .isInstanceOf(DoppelException.class);
        killer.join();
        try (Connection connection = server.connect(target)) {
            assertThat(count(connection, "SELECT count(*) FROM _doppel.chunks WHERE done")).isGreaterThanOrEqualTo(3);
            assertThat(count(connection, "SELECT count(*) FROM _doppel.chunks WHERE NOT done")).isPositive();
        }

        assertThatThrownBy(() -> copy.run(config(target, null), new CopyOptions(1, false), CopyListener.NONE))
                .isInstanceOf(DoppelException.class).hasMessageContaining("unfinished run").hasMessageContaining("--resume");

        RunSummary resumed = copy.run(config(target, null), new CopyOptions(2, false, true, CHUNK_BYTES, 5), CopyListener.NONE);
        assertThat(resumed.resumedChunks()).isGreaterThanOrEqualTo(doneWhenKilled.get()).isGreaterThanOrEqualTo(3);
        assertThat(resumed.rows()).isLessThan(300000 + 100000);
        assertSameAsSource(target);
        try (Connection connection = server.connect(target)) {
            assertThat(count(connection, "SELECT count(*) FROM pg_namespace WHERE nspname = '_doppel'")).isZero();
            assertThat(count(connection, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isEqualTo(1);
        }
    }

    @Test
    void aRunLeftWithAnotherLedgerLayoutIsNotResumed() throws SQLException {
        String target = server.createDatabase("other_layout");
        CopyOptions resume = new CopyOptions(1, false, true, CHUNK_BYTES, 1);
        assertThatThrownBy(() -> copy.run(config(target, "no_such_column > 0"), new CopyOptions(1, false), CopyListener.NONE))
                .isInstanceOf(DoppelException.class).hasMessageContaining("no_such_column");
        assertThatThrownBy(() -> copy.run(config(target, "no_such_column > 0"), resume, CopyListener.NONE))
                .as("the same build gets past the fingerprint to the same read error")
                .isInstanceOf(DoppelException.class).hasMessageContaining("no_such_column");

        try (Connection connection = server.connect(target); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE _doppel.run SET fingerprint = substr(fingerprint, strpos(fingerprint, ' ') + 1)");
        }
        assertThatThrownBy(() -> copy.run(config(target, "no_such_column > 0"), resume, CopyListener.NONE))
                .isInstanceOf(DoppelException.class)
                .hasMessageContaining("build of doppel, so it cannot be resumed; start over with --replace");
    }

    @Test
    void resumeNeedsAnUnfinishedRun() {
        String target = server.createDatabase("nothing_to_resume");
        assertThatThrownBy(() -> copy.run(config(target, null), new CopyOptions(1, false, true, CHUNK_BYTES, 1), CopyListener.NONE))
                .isInstanceOf(DoppelException.class).hasMessageContaining("no unfinished run");
    }

    private void assertSameAsSource(String target) throws SQLException {
        try (Connection connection = server.connect(target)) {
            assertThat(TableChecksums.of(connection)).isEqualTo(sourceSums);
        }
    }

    private void waitForFinishedChunks(String target, int chunks) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection connection = server.connect(target)) {
                if (count(connection, "SELECT count(*) FROM pg_namespace WHERE nspname = '_doppel'") > 0
                        && count(connection, "SELECT count(*) FROM pg_class WHERE oid = to_regclass('_doppel.chunks')") > 0
                        && count(connection, "SELECT count(*) FROM _doppel.chunks WHERE done") >= chunks) {
                    return;
                }
            } catch (SQLException e) {
                // the ledger is being created; look again
            }
            sleep(5);
        }
        throw new AssertionError("no chunk finished within a minute");
    }

    /** Terminates the first backend of {@code application} that runs a COPY in {@code database}. */
    private void terminateOnce(String database, String application) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Connection connection = server.connect("postgres")) {
            while (System.nanoTime() < deadline) {
                if (count(connection, "SELECT count(pg_terminate_backend(pid)) FROM (SELECT pid FROM pg_stat_activity"
                        + " WHERE datname = '" + database + "' AND application_name = '" + application + "'"
                        + " AND query LIKE 'COPY%' AND state = 'active' LIMIT 1) p") > 0) {
                    return;
                }
                sleep(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no COPY of " + application + " seen within a minute");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
