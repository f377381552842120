package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots of a MariaDB source in a folder, end to end through the doppel command: restored
 * through the swap they hold what a direct run writes, views, routines, triggers and events
 * included; a tampered one is refused with exit 4 and the live database is not touched; the SQL
 * export loads with the mariadb client into an empty database and holds the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbSnapshotCliIT {
    @TempDir
    static Path shared;

    private MariaDbTesting t;
    private Path store;
    private Map<String, String> expected;
    private List<String> objects;

    @BeforeAll
    void snapshotTheFixture() throws Exception {
        t = new MariaDbTesting(shared);
        String direct = "doppel_cli_direct";
        t.fixture.createTarget(direct);
        SnapshotTesting.Result run = t.doppel("run", "-c", t.config("run.yml", direct).toString(), "--jobs", "2");
        assertThat(run.code()).as(run.all()).isZero();
        expected = t.fixture.digests(direct);
        objects = t.fixture.objects(direct);
        assertThat(expected).hasSize(5);
        assertThat(objects).contains("view big_spenders", "function order_count", "procedure add_order",
                "trigger orders_audit", "event purge_audit DISABLED");

        store = shared.resolve("plain");
        SnapshotTesting.Result snapshot = t.doppel("snapshot", "-c", t.config("snapshot.yml", "unused").toString(), "--to",
                store.toUri().toString(), "--name", "only", "--jobs", "2", "--chunk-size", "1");
        assertThat(snapshot.code()).as(snapshot.all()).isZero();
        assertThat(snapshot.err()).contains("Verification passed");
    }

    @Test
    void aRestoredSnapshotHoldsWhatADirectRunWrites() throws Exception {
        String live = t.live("doppel_cli_restored");
        SnapshotTesting.Result first = t.restore(store, live, "--jobs", "2");
        assertThat(first.code()).as(first.all()).isZero();
        assertThat(first.out()).contains("checksums and row counts verified", "Swapped in as " + live + ".");
        assertThat(first.err()).contains("creating " + live + "_doppel_next beside " + live, "swapping");
        assertThat(t.fixture.digests(live)).isEqualTo(expected);
        assertThat(t.fixture.objects(live)).isEqualTo(objects);

        SnapshotTesting.Result second = t.restore(store, live);
        assertThat(second.code()).as(second.all()).isZero();
        assertThat(second.out()).contains("the previous database is kept as " + live + "_doppel_");
        assertThat(t.fixture.digests(live)).isEqualTo(expected);
        assertThat(t.fixture.objects(live)).isEqualTo(objects);
        String retired = t.generations(live).get(0);
        assertThat(t.fixture.digests(retired)).isEqualTo(expected);
        assertThat(t.fixture.objects(retired)).isEqualTo(objects);
        assertThat(t.fixture.exists(live + "_doppel_next")).isFalse();
    }

    @Test
    void aTamperedDataFileIsRefusedAndTheLiveDatabaseIsNotTouched() throws Exception {
        String live = t.live("doppel_cli_tampered");
        assertThat(t.restore(store, live).code()).isZero();
        Path copy = SnapshotTesting.copy(store, shared);
        Path file = SnapshotTesting.biggestDataFile(copy);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);

        SnapshotTesting.Result restore = t.restore(copy, live);
        assertThat(restore.code()).as(restore.all()).isEqualTo(4);
        assertThat(restore.err()).contains("Snapshot refused", copy.relativize(file).toString().replace('\\', '/'),
                "does not match its SHA-256", "dropping " + live + "_doppel_next");
        assertThat(t.fixture.digests(live)).isEqualTo(expected);
        assertThat(t.fixture.objects(live)).isEqualTo(objects);
        assertThat(t.fixture.exists(live + "_doppel_next")).isFalse();
        assertThat(t.generations(live)).isEmpty();
    }

    @Test
    void theSqlExportLoadsWithTheMariaDbClient() throws Exception {
        Path script = shared.resolve("export.sql");
        SnapshotTesting.Result export = t.doppel("export", store.toUri().toString(), "--format", "sql", "-o", script.toString());
        assertThat(export.code()).as(export.all()).isZero();
        String sql = Files.readString(script, StandardCharsets.UTF_8);
        assertThat(sql).contains("SET NAMES utf8mb4", "FOREIGN_KEY_CHECKS=0", "INSERT INTO `customers`", "DELIMITER ;;",
                "CREATE TRIGGER orders_audit AFTER INSERT ON orders").doesNotContain("@shop.example");

        Path client = t.fixture.client().orElse(null);
        assumeTrue(client != null, "no mariadb or mysql client next to the embedded server or on the PATH");
        String database = "doppel_cli_from_sql";
        t.fixture.forget(database);
        try (var admin = t.fixture.admin(""); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        List<String> command = new ArrayList<>(List.of(client.toString()));
        command.addAll(t.fixture.clientArguments(database));
        ProcessBuilder load = new ProcessBuilder(command).redirectInput(script.toFile()).redirectErrorStream(true);
        load.environment().put("MYSQL_PWD", t.fixture.adminPassword());
        Process process = load.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(client + ": " + output).isZero();
        assertThat(t.fixture.digests(database)).isEqualTo(expected);
        assertThat(t.fixture.objects(database)).isEqualTo(objects);
    }
}
