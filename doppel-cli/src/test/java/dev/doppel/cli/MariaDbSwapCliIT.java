package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe replacement of a live MariaDB database, through the doppel command: a restore killed
 * before the swap leaves it as it was (and --resume continues the load), earlier generations are
 * kept up to --keep, rollback swaps the previous one back, and an application's open transaction
 * stops the swap unless --terminate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbSwapCliIT {
    @TempDir
    static Path shared;

    private MariaDbTesting t;
    private Path small;
    private Path big;
    private Map<String, String> smallData;
    private Map<String, String> bigData;

    @BeforeAll
    void twoSnapshots() throws Exception {
        t = new MariaDbTesting(shared);
        small = shared.resolve("small");
        SnapshotTesting.Result made = t.doppel("snapshot", "-c", t.config("small.yml", "unused").toString(), "--to",
                small.toString(), "--progress", "none");
        assertThat(made.code()).as(made.all()).isZero();

        // a bigger one, so that a restore of it takes long enough to be killed while it loads
        String bulk = t.fixture.bulk(3);
        big = shared.resolve("big");
        made = t.doppel("snapshot", "-c", t.config("big.yml", "unused", bulk).toString(), "--to", big.toString(),
                "--progress", "none");
        assertThat(made.code()).as(made.all()).isZero();

        String probe = t.live("doppel_cli_probe");
        assertThat(t.restore(small, probe).code()).isZero();
        smallData = t.fixture.digests(probe);
        assertThat(t.restore(big, probe).code()).isZero();
        bigData = t.fixture.digests(probe);
        assertThat(bigData).containsKey("bulk").isNotEqualTo(smallData);
    }

    /** Starts a restore of the big snapshot in another JVM and kills it (SIGKILL) once it is copying rows. */
    private void killWhileLoading(String live) throws Exception {
        SnapshotTesting.killOnceCopying("restore", big.toString(), "--to", t.restoreUrl(live), "--progress", "lines",
                "--jobs", "1");
        assertThat(t.fixture.exists(live + "_doppel_next")).as("killed while loading, before the swap").isTrue();
    }

    @Test
    void aRestoreKilledBeforeTheSwapLeavesTheLiveDatabaseUnchanged() throws Exception {
        String live = t.live("doppel_cli_killed");
        assertThat(t.restore(small, live).code()).isZero();

        killWhileLoading(live);
        assertThat(t.fixture.digests(live)).isEqualTo(smallData);
        SnapshotTesting.Result again = t.restore(big, live);
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.err()).contains("dropping " + live + "_doppel_next, left by an interrupted restore");
        assertThat(t.fixture.digests(live)).isEqualTo(bigData);

        killWhileLoading(live);
        assertThat(t.fixture.digests(live)).isEqualTo(bigData);
        SnapshotTesting.Result other = t.restore(small, live, "--resume");
        assertThat(other.code()).as("another snapshot does not continue the load: " + other.all()).isEqualTo(2);
        assertThat(other.err()).contains("was loading another snapshot");
        SnapshotTesting.Result resumed = t.restore(big, live, "--resume");
        assertThat(resumed.code()).as(resumed.all()).isZero();
        assertThat(resumed.err()).contains("resuming the restore into " + live + "_doppel_next");
        assertThat(t.fixture.digests(live)).as("every row once, no ledger table left").isEqualTo(bigData);
        assertThat(t.restore(big, live, "--resume").code()).as("nothing left to resume").isEqualTo(2);
    }

    @Test
    void rollbackSwapsThePreviousGenerationBackAndKeepBoundsTheGenerations() throws Exception {
        String live = t.live("doppel_cli_rolled");
        assertThat(t.restore(small, live).code()).isZero();
        SnapshotTesting.Result second = t.restore(big, live, "--keep", "1");
        assertThat(second.code()).as(second.all()).isZero();
        assertThat(second.out()).contains("the previous database is kept as " + live + "_doppel_");
        assertThat(t.fixture.digests(live)).isEqualTo(bigData);

        SnapshotTesting.Result list = t.doppel("rollback", t.restoreUrl(live), "--list");
        assertThat(list.out()).contains("Generations of " + live, live + "_doppel_");

        SnapshotTesting.Result back = t.doppel("rollback", t.restoreUrl(live));
        assertThat(back.code()).as(back.all()).isZero();
        assertThat(back.out()).contains("Rolled back");
        assertThat(t.fixture.digests(live)).isEqualTo(smallData);
        assertThat(t.fixture.objects(live)).contains("trigger orders_audit", "view big_spenders", "event purge_audit DISABLED");

        SnapshotTesting.Result forward = t.doppel("rollback", t.restoreUrl(live));
        assertThat(forward.code()).as(forward.all()).isZero();
        assertThat(t.fixture.digests(live)).isEqualTo(bigData);

        SnapshotTesting.Result third = t.restore(small, live, "--keep", "1");
        assertThat(third.code()).as(third.all()).isZero();
        assertThat(third.out()).contains("Dropped older generations (--keep 1): " + live + "_doppel_");
        assertThat(t.generations(live)).hasSize(1);
        assertThat(t.fixture.digests(t.generations(live).get(0))).isEqualTo(bigData);

        SnapshotTesting.Result none = t.restore(big, live, "--keep", "0");
        assertThat(none.code()).as(none.all()).isZero();
        assertThat(t.generations(live)).isEmpty();
        assertThat(t.doppel("rollback", t.restoreUrl(live)).code()).isEqualTo(2);
    }

    @Test
    void anOpenTransactionStopsTheSwapUnlessTerminated() throws Exception {
        String live = t.live("doppel_cli_busy");
        assertThat(t.restore(small, live).code()).isZero();
        try (Connection session = DriverManager.getConnection(t.fixture.url(live, t.fixture.application(live)))) {
            session.setAutoCommit(false);
            try (Statement statement = session.createStatement(); ResultSet rows = statement.executeQuery(
                    "SELECT COUNT(*) FROM customers")) {
                rows.next();
            }
            SnapshotTesting.Result refused = t.restore(big, live);
            assertThat(refused.code()).as(refused.all()).isEqualTo(1);
            assertThat(refused.err()).contains("other sessions hold locks on tables of " + live, "Nothing was changed",
                    "--terminate");
            assertThat(session.isValid(2)).isTrue();
            assertThat(t.fixture.exists(live + "_doppel_next")).isFalse();
            assertThat(t.fixture.digests(live)).isEqualTo(smallData);

            SnapshotTesting.Result terminated = t.restore(big, live, "--terminate");
            assertThat(terminated.code()).as(terminated.all()).isZero();
            assertThat(session.isValid(2)).isFalse();
        }
        assertThat(t.fixture.digests(live)).isEqualTo(bigData);
    }
}
