package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.doppel.postgres.Fixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots in an S3-compatible store (S3Mock, in-process): the production side writes with the
 * store's credentials, the restoring side reads with its own config, and the data restored is
 * the data a direct run writes, for PostgreSQL and for MariaDB (restored through the swap).
 */
class SnapshotS3IT {
    static {
        // doppel logs nothing (slf4j-nop); keep S3Mock's Spring Boot from insisting on Logback
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets("snapshots").build();

    @TempDir
    Path dir;

    private String s3Section(String extra) {
        return "snapshot:\n"
                + "  s3: { endpoint: \"http://localhost:" + S3.getHttpPort() + "\", region: eu-west-1,"
                + " access_key_id: doppel, secret_access_key: \"${file:s3.secret}\", path_style: true }\n" + extra;
    }

    @Test
    void aSnapshotInABucketRestoresToTheSameDataAsADirectRun() throws Exception {
        SnapshotTesting t = new SnapshotTesting(dir);
        java.nio.file.Files.writeString(dir.resolve("s3.secret"), "not-checked-by-s3mock");
        java.nio.file.Files.writeString(dir.resolve("hmac.secret"), "a shared signing secret of some length");
        String source = Fixture.createSource(t.server);
        String direct = t.server.createDatabase("direct");
        SnapshotTesting.Result run = t.doppel("run", "-c", t.producerConfig("run.yml", source, direct, null).toString());
        assertThat(run.code()).as(run.all()).isZero();
        Map<String, String> expected = t.checksums(direct);

        String signing = "  encryption: { key: \"${file:snapshot.key}\" }\n"
                + "  signing: { algorithm: hmac-sha256, key: \"${file:hmac.secret}\" }\n";
        Path producer = t.producerConfig("producer.yml", source, "unused", s3Section(signing));
        SnapshotTesting.Result first = t.doppel("snapshot", "-c", producer.toString(), "--to", "s3://snapshots/staging",
                "--name", "monday", "--jobs", "2");
        assertThat(first.code()).as(first.all()).isZero();
        assertThat(first.out()).contains("Snapshot s3://snapshots/staging/monday/", "signed hmac-sha256");
        SnapshotTesting.Result second = t.doppel("snapshot", "-c", producer.toString(), "--to", "s3://snapshots/staging",
                "--name", "tuesday", "--progress", "none");
        assertThat(second.code()).as(second.all()).isZero();

        String target = t.newName("froms3");
        Path consumer = t.consumerConfig("consumer.yml", target, s3Section("  encryption: { key: \"${file:snapshot.key}\" }\n"
                + "  verify: { algorithm: hmac-sha256, key: \"${file:hmac.secret}\" }\n"));
        SnapshotTesting.Result restore = t.doppel("restore", "s3://snapshots/staging", "--to", "staging", "-c",
                consumer.toString(), "--jobs", "2");
        assertThat(restore.code()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("Restored s3://snapshots/staging/tuesday/", "7,503 rows");
        assertThat(t.checksums(target)).isEqualTo(expected);

        SnapshotTesting.Result list = t.doppel("snapshots", "list", "s3://snapshots/staging", "-c", consumer.toString());
        assertThat(list.out()).contains("monday", "tuesday", "encrypted, signed");
        SnapshotTesting.Result prune = t.doppel("snapshots", "prune", "--keep", "1", "s3://snapshots/staging", "-c",
                consumer.toString());
        assertThat(prune.out()).contains("removed monday", "Kept 1, removed 1");

        SnapshotTesting.Result noCredentials = t.doppel("snapshots", "list", "s3://no-such-bucket/x", "-c",
                consumer.toString());
        assertThat(noCredentials.code()).as(noCredentials.all()).isIn(1, 3);
        assertThat(noCredentials.err()).contains("s3://no-such-bucket/x/");
    }

    @Test
    void aMariaDbSnapshotInABucketRestoresThroughTheSwapToTheSameDataAsADirectRun() throws Exception {
        MariaDbTesting t = new MariaDbTesting(dir);
        java.nio.file.Files.writeString(dir.resolve("s3.secret"), "not-checked-by-s3mock");
        java.nio.file.Files.writeString(dir.resolve("snapshot.key"), SnapshotTesting.SNAPSHOT_KEY);
        String direct = "doppel_s3_direct";
        t.fixture.createTarget(direct);
        SnapshotTesting.Result run = t.doppel("run", "-c", t.config("run.yml", direct).toString());
        assertThat(run.code()).as(run.all()).isZero();

        String encryption = "  encryption: { key: \"${file:snapshot.key}\" }\n";
        Path producer = t.config("producer.yml", "unused", s3Section(encryption));
        SnapshotTesting.Result made = t.doppel("snapshot", "-c", producer.toString(), "--to", "s3://snapshots/mariadb",
                "--name", "monday", "--jobs", "2");
        assertThat(made.code()).as(made.all()).isZero();

        String live = t.live("doppel_s3_live");
        Path consumer = dir.resolve("consumer.yml");
        java.nio.file.Files.writeString(consumer, "version: 1\n" + s3Section(encryption));
        SnapshotTesting.Result restore = t.doppel("restore", "s3://snapshots/mariadb", "--to", t.restoreUrl(live), "-c",
                consumer.toString(), "--jobs", "2");
        assertThat(restore.code()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("Restored s3://snapshots/mariadb/monday/", "Swapped in as " + live);
        assertThat(t.fixture.digests(live)).isEqualTo(t.fixture.digests(direct));
        assertThat(t.fixture.objects(live)).isEqualTo(t.fixture.objects(direct));
    }
}
