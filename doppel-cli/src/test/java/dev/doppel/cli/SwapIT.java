package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.Fixture;
import dev.doppel.postgres.SqlScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe replacement of a live database: a restore killed before the swap leaves it as it was,
 * open sessions stop the swap unless --terminate, earlier generations are kept up to --keep, and
 * rollback swaps the previous generation back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwapIT {
    @TempDir
    static Path shared;

    private SnapshotTesting t;
    private Path small;
    private Path big;
    private Map<String, String> smallData;
    private Map<String, String> bigData;

    @BeforeAll
    void twoSnapshots() throws Exception {
        t = new SnapshotTesting(shared);
        String source = Fixture.createSource(t.server);
        small = shared.resolve("small");
        Path config = t.producerConfig("small.yml", source, "unused", null);
        assertThat(t.doppel("snapshot", "-c", config.toString(), "--to", small.toString(), "--progress", "none").code()).isZero();

        // a bigger one, so that a restore of it takes long enough to be killed while it loads
        SqlScript.run(t.server, source, "CREATE TABLE app.bulk AS SELECT g AS id, md5(g::text) AS v"
                + " FROM generate_series(1, 150000) AS g; ALTER TABLE app.bulk ADD PRIMARY KEY (id);");
        Path bigConfig = t.producerConfig("big.yml", source, "unused", null);
        Files.writeString(bigConfig, Files.readString(bigConfig) + "    app.bulk: { columns: { id: keep, v: keep } }\n");
        big = shared.resolve("big");
        SnapshotTesting.Result made = t.doppel("snapshot", "-c", bigConfig.toString(), "--to", big.toString(), "--progress",
                "none");
        assertThat(made.code()).as(made.all()).isZero();

        String probe = t.newName("probe");
        assertThat(restore(small, probe).code()).isZero();
        smallData = t.checksums(probe);
        assertThat(restore(big, probe).code()).isZero();
        bigData = t.checksums(probe);
        assertThat(bigData).containsKey("app.bulk").isNotEqualTo(smallData);
    }

    private String url(String database) {
        return t.server.url(database) + "?user=" + t.server.user() + "&password=" + t.server.password();
    }

    private SnapshotTesting.Result restore(Path store, String database, String... options) {
        List<String> args = new ArrayList<>(List.of("restore", store.toString(), "--to", url(database), "--progress", "lines"));
        args.addAll(List.of(options));
        return t.doppel(args.toArray(String[]::new));
    }

    /** Starts a restore of the big snapshot in another JVM and kills it (SIGKILL) once it is copying rows. */
    private void killWhileLoading(String live) throws Exception {
        SnapshotTesting.killOnceCopying("restore", big.toString(), "--to", url(live), "--progress", "lines", "--jobs", "1");
        assertThat(t.exists(live + "_doppel_next")).as("killed while loading, before the swap").isTrue();
    }

    @Test
    void aRestoreKilledBeforeTheSwapLeavesTheLiveDatabaseUnchanged() throws Exception {
        String live = t.newName("killed");
        assertThat(restore(small, live).code()).isZero();

        killWhileLoading(live);
        assertThat(t.checksums(live)).isEqualTo(smallData);
        SnapshotTesting.Result again = restore(big, live);
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.err()).contains("dropping " + live + "_doppel_next, left by an interrupted restore");
        assertThat(t.checksums(live)).isEqualTo(bigData);

        killWhileLoading(live);
        assertThat(t.checksums(live)).isEqualTo(bigData);
        SnapshotTesting.Result other = restore(small, live, "--resume");
        assertThat(other.code()).as("another snapshot does not continue the load: " + other.all()).isEqualTo(2);
        assertThat(other.err()).contains("was loading another snapshot");
        SnapshotTesting.Result resumed = restore(big, live, "--resume");
        assertThat(resumed.code()).as(resumed.all()).isZero();
        assertThat(resumed.err()).contains("resuming the restore into " + live + "_doppel_next");
        assertThat(t.checksums(live)).isEqualTo(bigData);
        assertThat(restore(big, live, "--resume").code()).as("nothing left to resume").isEqualTo(2);
    }

    @Test
    void rollbackSwapsThePreviousGenerationBack() throws Exception {
        String live = t.newName("rolled");
        assertThat(restore(small, live).code()).isZero();
        SnapshotTesting.Result second = restore(big, live, "--keep", "1");
        assertThat(second.code()).as(second.all()).isZero();
        assertThat(second.out()).contains("the previous database is kept as " + live + "_doppel_");
        assertThat(t.checksums(live)).isEqualTo(bigData);

        SnapshotTesting.Result list = t.doppel("rollback", url(live), "--list");
        assertThat(list.out()).contains("Generations of " + live, live + "_doppel_");

        SnapshotTesting.Result back = t.doppel("rollback", url(live));
        assertThat(back.code()).as(back.all()).isZero();
        assertThat(back.out()).contains("Rolled back");
        assertThat(t.checksums(live)).isEqualTo(smallData);

        SnapshotTesting.Result forward = t.doppel("rollback", url(live));
        assertThat(forward.code()).as(forward.all()).isZero();
        assertThat(t.checksums(live)).isEqualTo(bigData);

        SnapshotTesting.Result third = restore(small, live, "--keep", "1");
        assertThat(third.code()).as(third.all()).isZero();
        assertThat(third.out()).contains("Dropped older generations (--keep 1): " + live + "_doppel_");
        assertThat(generations(live)).hasSize(1);

        SnapshotTesting.Result none = restore(big, live, "--keep", "0");
        assertThat(none.code()).as(none.all()).isZero();
        assertThat(generations(live)).isEmpty();
        assertThat(t.doppel("rollback", url(live)).code()).isEqualTo(2);
    }

    @Test
    void openSessionsStopTheSwapUnlessTerminated() throws Exception {
        String live = t.newName("busy");
        assertThat(restore(small, live).code()).isZero();
        try (Connection session = t.server.connect(live)) {
            SnapshotTesting.Result refused = restore(big, live);
            assertThat(refused.code()).as(refused.all()).isEqualTo(1);
            assertThat(refused.err()).contains("other sessions are connected to " + live, "--terminate");
            assertThat(session.isValid(2)).isTrue();
            assertThat(t.exists(live + "_doppel_next")).isFalse();
            assertThat(t.checksums(live)).isEqualTo(smallData);

            SnapshotTesting.Result terminated = restore(big, live, "--terminate");
            assertThat(terminated.code()).as(terminated.all()).isZero();
            assertThat(session.isValid(2)).isFalse();
        }
        assertThat(t.checksums(live)).isEqualTo(bigData);
        try (Connection connection = t.server.connect("postgres");
             var rows = connection.createStatement().executeQuery("SELECT bool_and(datallowconn) FROM pg_database"
                     + " WHERE datname LIKE '" + live + "%'")) {
            rows.next();
            assertThat(rows.getBoolean(1)).as("every generation accepts connections again").isTrue();
        }
    }

    private List<String> generations(String live) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = t.server.connect("postgres");
             var rows = connection.createStatement().executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                     + live + "\\_doppel\\_%'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
