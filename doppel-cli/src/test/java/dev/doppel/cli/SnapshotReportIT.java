package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot leaves the same audit report as a run: gate, pre-flight, rows, verification, and where it went. */
class SnapshotReportIT {
    @TempDir
    Path dir;

    @Test
    void aSnapshotWritesAnAuditReportNamingTheSnapshot() throws Exception {
        SnapshotTesting t = new SnapshotTesting(dir);
        String source = Fixture.createSource(t.server);
        Path config = t.producerConfig("prod.yml", source, "unused", null);
        Path reports = dir.resolve("reports");

        SnapshotTesting.Result made = t.doppel("snapshot", "-c", config.toString(), "--to", dir.resolve("store").toString(),
                "--name", "audited", "--progress", "none", "--report-dir", reports.toString());

        assertThat(made.code()).as(made.all()).isZero();
        assertThat(made.out()).contains("Verification passed", "Audit report: ");
        String json;
        try (Stream<Path> files = Files.list(reports)) {
            json = Files.readString(files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow());
        }
        assertThat(json).contains("\"kind\" : \"snapshot\"", "\"outcome\" : \"ok\"", "store/audited/",
                "\"tablesFingerprintedDuringCopy\" : ")
                .doesNotContain("\"tablesFingerprintedDuringCopy\" : 0", "@example.org", SnapshotTesting.PASSWORD);
    }
}
