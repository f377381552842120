package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.doppel.postgres.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots in a folder, end to end through the doppel command: the restored data is the data a
 * direct run writes; a tampered, truncated or foreign snapshot is refused with exit 4 and the live
 * database is not touched; the SQL export loads with psql.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotIT {
    @TempDir
    static Path shared;

    private SnapshotTesting t;
    private String source;
    private Map<String, String> expected;
    private Path plainStore;
    private Path signedStore;

    @BeforeAll
    void snapshotTheFixture() throws Exception {
        t = new SnapshotTesting(shared);
        source = Fixture.createSource(t.server);
        String direct = t.server.createDatabase("direct");
        SnapshotTesting.Result run = t.doppel("run", "-c", t.producerConfig("run.yml", source, direct, null).toString(),
                "--jobs", "2");
        assertThat(run.code()).as(run.all()).isZero();
        expected = t.checksums(direct);
        assertThat(expected).hasSize(7);

        plainStore = shared.resolve("plain");
        SnapshotTesting.Result plain = t.doppel("snapshot", "-c", t.producerConfig("plain.yml", source, "unused", null)
                .toString(), "--to", plainStore.toUri().toString(), "--name", "only", "--jobs", "2", "--chunk-size", "1");
        assertThat(plain.code()).as(plain.all()).isZero();
        assertThat(plain.out()).contains("Snapshot " + plainStore.toUri() + "only/", "unsigned", "masked columns");
        assertThat(plain.err()).contains("verifying the snapshot against the source", "Verification passed");

        t.keyPair("signing");
        t.keyPair("stranger");
        signedStore = shared.resolve("signed");
        SnapshotTesting.Result signed = t.doppel("snapshot", "-c", t.producerConfig("signed.yml", source, "unused",
                "snapshot:\n  encryption: { key: \"${file:snapshot.key}\" }\n"
                        + "  signing: { algorithm: ed25519, key: \"${file:signing.pem}\" }\n").toString(),
                "--to", signedStore.toString(), "--name", "only");
        assertThat(signed.code()).as(signed.all()).isZero();
        assertThat(signed.out()).contains("AES-256-GCM", "signed ed25519");
    }

    private String url(String database) {
        return t.server.url(database) + "?user=" + t.server.user() + "&password=" + t.server.password();
    }

    /** A database restored from the plain snapshot, to play the live one that must not change. */
    private String live() throws Exception {
        String live = t.newName("live");
        SnapshotTesting.Result restore = t.doppel("restore", plainStore.toUri().toString(), "--to", url(live));
        assertThat(restore.code()).as(restore.all()).isZero();
        return live;
    }

    private Path copy(Path store) throws IOException {
        return SnapshotTesting.copy(store, shared);
    }

    private static Path biggestDataFile(Path store) throws IOException {
        return SnapshotTesting.biggestDataFile(store);
    }

    @Test
    void aRestoredSnapshotHoldsWhatADirectRunWrites() throws Exception {
        String target = t.newName("restored");
        SnapshotTesting.Result restore = t.doppel("restore", plainStore.toUri().toString(), "--to", url(target),
                "--jobs", "2");
        assertThat(restore.code()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("5 tables (+1 schema only)", "7,503 rows", "checksums and row counts verified",
                "Swapped in as " + target);
        assertThat(restore.err()).contains("creating " + target + "_doppel_next", "copied app.customers", "swapping");
        assertThat(t.checksums(target)).isEqualTo(expected);
        assertThat(t.exists(target + "_doppel_next")).isFalse();

        String manifest = Files.readString(plainStore.resolve("only/manifest.json"));
        assertThat(manifest).contains("\"engine\" : \"postgresql\"", "\"fingerprint\"", "\"email\" : \"email\"", "sha256")
                .doesNotContain(Fixture.KEY, "localhost", source, "user1@example.org");
        try (Stream<Path> files = Files.walk(plainStore)) {
            assertThat(files.filter(f -> f.toString().endsWith(".tsv.zst")).count()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void dataFilesAreWrittenAtTheConfigsCompressionLevelAndRestoreAsAnyOther() throws Exception {
        Path store = shared.resolve("smallest");
        SnapshotTesting.Result snapshot = t.doppel("snapshot", "-c", t.producerConfig("smallest.yml", source, "unused",
                "snapshot:\n  compression_level: 9\n").toString(), "--to", store.toUri().toString(), "--name", "only",
                "--jobs", "2", "--chunk-size", "1");
        assertThat(snapshot.code()).as(snapshot.all()).isZero();
        Path fastest = biggestDataFile(plainStore);
        Path smallest = store.resolve(plainStore.relativize(fastest).toString());
        assertThat(Files.size(smallest)).as("the same rows at level 9 and at the default, 1").isLessThan(Files.size(fastest));

        String target = t.newName("smallest");
        SnapshotTesting.Result restore = t.doppel("restore", store.toUri().toString(), "--to", url(target));
        assertThat(restore.code()).as(restore.all()).isZero();
        assertThat(t.checksums(target)).isEqualTo(expected);
    }

    @Test
    void aSnapshotThatLeaksIsDeletedAndNeverBecomesVisible() throws Exception {
        Path config = t.producerConfig("leaky.yml", source, "unused", null);
        Files.writeString(config, Files.readString(config).replace("        email: email\n", "        email: keep\n"));
        Path store = shared.resolve("leaky");
        SnapshotTesting.Result leaky = t.doppel("snapshot", "-c", config.toString(), "--to", store.toString(), "--name", "x");
        assertThat(leaky.code()).as(leaky.all()).isEqualTo(4);
        assertThat(leaky.err()).contains("verifying the snapshot against the source", "Verification FAILED",
                "app.customers.email (keep)").doesNotContain("@example.org");
        try (Stream<Path> left = Files.walk(store)) {
            assertThat(left.filter(Files::isRegularFile).toList()).as("nothing of the snapshot is left").isEmpty();
        }
        SnapshotTesting.Result list = t.doppel("snapshots", "list", store.toString());
        assertThat(list.out()).contains("No snapshots");
    }

    @Test
    void anEncryptedSignedSnapshotRestoresWithItsKeysOnly() throws Exception {
        String target = t.newName("secret");
        Path consumer = t.consumerConfig("consumer.yml", target, "snapshot:\n"
                + "  encryption: { key: \"${file:snapshot.key}\" }\n"
                + "  verify: { algorithm: ed25519, key: \"${file:signing.pub.pem}\" }\n");
        SnapshotTesting.Result restore = t.doppel("restore", signedStore.toString(), "--to", "staging", "-c", consumer.toString());
        assertThat(restore.code()).as(restore.all()).isZero();
        assertThat(t.checksums(target)).isEqualTo(expected);

        SnapshotTesting.Result noKey = t.doppel("restore", signedStore.toString(), "--to", url(t.newName("nokey")));
        assertThat(noKey.code()).as(noKey.all()).isEqualTo(2);
        assertThat(noKey.err()).contains("is encrypted", "snapshot.encryption.key");
    }

    @Test
    void aTamperedManifestIsRefused() throws Exception {
        String live = live();
        Path store = copy(signedStore);
        Path manifest = store.resolve("only/manifest.json");
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replaceFirst("\"rows\" : 500", "\"rows\" : 499"));
        Path consumer = t.consumerConfig("tampered.yml", live, "snapshot:\n"
                + "  encryption: { key: \"${file:snapshot.key}\" }\n"
                + "  verify: { algorithm: ed25519, key: \"${file:signing.pub.pem}\" }\n");
        SnapshotTesting.Result restore = t.doppel("restore", store.toString(), "--to", "staging", "-c", consumer.toString());
        assertThat(restore.code()).as(restore.all()).isEqualTo(4);
        assertThat(restore.err()).contains("Snapshot refused", "only/manifest.json does not match", "manifest.sig");
        assertThat(t.checksums(live)).isEqualTo(expected);
        assertThat(t.exists(live + "_doppel_next")).isFalse();

        Path unsigned = copy(plainStore);
        Path plainManifest = unsigned.resolve("only/manifest.json");
        Files.writeString(plainManifest, Files.readString(plainManifest).replaceFirst("\"rows\" : 500", "\"rows\" : 499"));
        SnapshotTesting.Result counts = t.doppel("restore", unsigned.toString(), "--to", url(live));
        assertThat(counts.code()).as(counts.all()).isEqualTo(4);
        assertThat(counts.err()).contains("Snapshot refused", "only/manifest.json contradicts itself about app.customers");

        // a consistent forgery of the counts is caught by the data: the file holds more rows than it claims
        String forged = Files.readString(plainManifest).replaceAll("\"rows\" : 500,", "\"rows\" : 499,")
                .replaceFirst("\"rows\" : 7503", "\"rows\" : 7502");
        Files.writeString(plainManifest, forged);
        SnapshotTesting.Result data = t.doppel("restore", unsigned.toString(), "--to", url(live));
        assertThat(data.code()).as(data.all()).isEqualTo(4);
        assertThat(data.err()).contains("Snapshot refused", "holds 500 rows where the manifest says 499", ".tsv.zst");
        assertThat(t.checksums(live)).isEqualTo(expected);
        assertThat(t.exists(live + "_doppel_next")).isFalse();

        // a column claimed to hold the source's own values (so that its keys go unchecked) must be in the data
        Path claimed = copy(plainStore);
        Path claimedManifest = claimed.resolve("only/manifest.json");
        String original = Files.readString(claimedManifest);
        String widened = original.replaceFirst("\"unchangedColumns\" : \\[ \"", "\"unchangedColumns\" : [ \"ssn\", \"");
        assertThat(widened).isNotEqualTo(original);
        Files.writeString(claimedManifest, widened);
        SnapshotTesting.Result unchanged = t.doppel("restore", claimed.toString(), "--to", url(live));
        assertThat(unchanged.code()).as(unchanged.all()).isEqualTo(4);
        assertThat(unchanged.err()).contains("Snapshot refused", "only/manifest.json contradicts itself about app.");
        assertThat(t.checksums(live)).isEqualTo(expected);
    }

    @Test
    void aForeignOrUnsignedSnapshotIsRefusedWhenASignatureIsRequired() throws Exception {
        String live = live();
        Path stranger = t.consumerConfig("stranger.yml", live, "snapshot:\n"
                + "  encryption: { key: \"${file:snapshot.key}\" }\n"
                + "  verify: { algorithm: ed25519, key: \"${file:stranger.pub.pem}\" }\n");
        SnapshotTesting.Result foreign = t.doppel("restore", signedStore.toString(), "--to", "staging", "-c", stranger.toString());
        assertThat(foreign.code()).as(foreign.all()).isEqualTo(4);
        assertThat(foreign.err()).contains("manifest.json does not match", "signed with another key");

        SnapshotTesting.Result unsigned = t.doppel("restore", plainStore.toString(), "--to", "staging", "-c", stranger.toString());
        assertThat(unsigned.code()).as(unsigned.all()).isEqualTo(4);
        assertThat(unsigned.err()).contains("is not signed");
        assertThat(t.checksums(live)).isEqualTo(expected);
    }

    @Test
    void aTamperedDataFileIsRefusedNamingIt() throws Exception {
        String live = live();
        Path store = copy(plainStore);
        Path file = biggestDataFile(store);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);
        SnapshotTesting.Result restore = t.doppel("restore", store.toString(), "--to", url(live));
        assertThat(restore.code()).as(restore.all()).isEqualTo(4);
        assertThat(restore.err()).contains("Snapshot refused", store.relativize(file).toString().replace('\\', '/'),
                "does not match its SHA-256");
        assertThat(t.checksums(live)).isEqualTo(expected);
        assertThat(t.exists(live + "_doppel_next")).isFalse();
    }

    @Test
    void aTruncatedSnapshotIsRefusedNamingTheFile() throws Exception {
        String live = live();
        Path store = copy(plainStore);
        Path file = biggestDataFile(store);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        SnapshotTesting.Result truncated = t.doppel("restore", store.toString(), "--to", url(live));
        assertThat(truncated.code()).as(truncated.all()).isEqualTo(4);
        assertThat(truncated.err()).contains(store.relativize(file).toString().replace('\\', '/'), "truncated");

        Files.delete(file);
        SnapshotTesting.Result missing = t.doppel("restore", store.toString(), "--to", url(live));
        assertThat(missing.code()).as(missing.all()).isEqualTo(4);
        assertThat(missing.err()).contains(store.relativize(file).toString().replace('\\', '/') + " is missing");

        Files.delete(store.resolve("only/manifest.json"));
        SnapshotTesting.Result interrupted = t.doppel("restore", store.toString(), "--to", url(live));
        assertThat(interrupted.code()).as(interrupted.all()).isEqualTo(4);
        assertThat(interrupted.err()).contains("holds no complete snapshot", "interrupted");
        assertThat(t.checksums(live)).isEqualTo(expected);
    }

    @Test
    void theSqlExportLoadsWithPsql() throws Exception {
        Path script = shared.resolve("export.sql");
        SnapshotTesting.Result export = t.doppel("export", plainStore.toUri().toString(), "--format", "sql", "-o",
                script.toString());
        assertThat(export.code()).as(export.all()).isZero();
        String sql = Files.readString(script, StandardCharsets.UTF_8);
        assertThat(sql).contains("COPY \"app\".\"customers\"", "\\.\n", "CREATE TABLE").doesNotContain("user1@example.org");
        assumeTrue(psqlInstalled(), "psql is not on the PATH");
        String database = t.server.createDatabase("psql");
        String url = t.server.url(database);
        java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
        ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(),
                "-p", String.valueOf(uri.getPort()), "-U", t.server.user(), "-d", database, "-f", script.toString())
                .redirectErrorStream(true);
        psql.environment().put("PGPASSWORD", t.server.password());
        Process process = psql.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(t.checksums(database)).isEqualTo(expected);
    }

    private static boolean psqlInstalled() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "psql")));
    }

    @Test
    void snapshotsAreListedAndPrunedNewestKept() throws Exception {
        Path store = shared.resolve("many");
        Path config = t.producerConfig("many.yml", source, "unused", null);
        for (String name : List.of("s1", "s2", "s3")) {
            SnapshotTesting.Result made = t.doppel("snapshot", "-c", config.toString(), "--to", store.toString(), "--name",
                    name, "--progress", "none");
            assertThat(made.code()).as(made.all()).isZero();
        }
        Files.createDirectories(store.resolve("20000101T000000Z/data"));
        Files.writeString(store.resolve("20000101T000000Z/data/left.tsv.zst"), "interrupted");

        SnapshotTesting.Result list = t.doppel("snapshots", "list", store.toString());
        assertThat(list.code()).as(list.all()).isZero();
        assertThat(list.out()).contains("s1", "s2", "s3", "7,503", "INCOMPLETE");

        SnapshotTesting.Result prune = t.doppel("snapshots", "prune", "--keep", "2", store.toString());
        assertThat(prune.code()).as(prune.all()).isZero();
        assertThat(prune.out()).contains("removed s1", "removed 20000101T000000Z (incomplete)", "Kept 2, removed 2");
        try (Stream<Path> left = Files.list(store)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("s2", "s3");
        }
        SnapshotTesting.Result one = t.doppel("snapshots", "list", store.resolve("s3").toString());
        assertThat(one.out()).contains(".  ", "7,503").doesNotContain("INCOMPLETE");
        assertThat(t.doppel("snapshots", "prune", "--keep", "1", store.resolve("s3").toString()).code()).isEqualTo(2);

        SnapshotTesting.Result again = t.doppel("snapshot", "-c", config.toString(), "--to", store.toString(), "--name", "s3");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a snapshot");
    }
}
