package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.Fixture;
import dev.doppel.postgres.SqlScript;
import dev.doppel.postgres.TableChecksums;
import dev.doppel.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code doppel run} killed with SIGKILL in the middle of its copy, then continued with
 * {@code --resume}, ends with exactly the rows an uninterrupted run writes: no finished chunk is
 * copied again, no row is doubled or lost, and the source is untouched.
 */
class KilledRunIT {
    private static final String BULK_RULES = "    app.bulk: { columns: { id: keep, v: keep, email: email } }\n";

    private final TestPostgres server = TestPostgres.get();

    @TempDir
    Path dir;

    @Test
    void aRunKilledWhileCopyingResumesToExactlyWhatAnUninterruptedRunWrites() throws Exception {
        String source = Fixture.createSource(server);
        SqlScript.run(server, source, "CREATE TABLE app.bulk AS SELECT g AS id, md5(g::text) AS v,"
                + " 'user' || g || '@example.org' AS email FROM generate_series(1, 300000) AS g;"
                + " ALTER TABLE app.bulk ADD PRIMARY KEY (id); ANALYZE app.bulk;");
        Map<String, String> sourceBefore = checksums(source);
        Files.writeString(dir.resolve("key.txt"), Fixture.KEY);

        String whole = server.createDatabase("whole");
        Cli cli = new Cli(server, dir);
        Cli.Result uninterrupted = cli.doppel("run", "-c", config(source, whole).toString(), "--chunk-size", "1",
                "--progress", "none");
        assertThat(uninterrupted.code()).as(uninterrupted.all()).isZero();

        String killed = server.createDatabase("killed");
        Path config = config(source, killed);
        long doneWhenKilled = killWhileCopying(config, killed);
        assertThat(count(killed, "SELECT count(*) FROM _doppel.chunks WHERE NOT done")).as("chunks left").isPositive();

        Cli.Result resumed = cli.doppel("run", "-c", config.toString(), "--resume", "--chunk-size", "1", "--progress", "lines");
        assertThat(resumed.code()).as(resumed.all()).isZero();
        assertThat(resumed.err()).containsPattern("resuming: \\d+ finished chunks kept");
        assertThat(Long.parseLong(resumed.err().replaceAll("(?s).*resuming: (\\d+) finished chunks kept.*", "$1")))
                .isGreaterThanOrEqualTo(doneWhenKilled);
        assertThat(checksums(killed)).isEqualTo(checksums(whole));
        assertThat(checksums(source)).isEqualTo(sourceBefore);
    }

    private Path config(String source, String target) throws Exception {
        String text = Fixture.configText(server, source, target).replace("${env:PGPASS}", server.password())
                .replace("${env:DOPPEL_KEY}", "${file:key.txt}") + BULK_RULES;
        Path file = dir.resolve(target + ".yml");
        Files.writeString(file, text);
        return file;
    }

    /** Runs doppel in another JVM, one chunk at a time, and kills it once a few chunks are committed. */
    private long killWhileCopying(Path config, String target) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Doppel.class.getName(),
                "run", "-c", config.toString(), "--jobs", "1", "--chunk-size", "1", "--progress", "none")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long done = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (done < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            done = doneChunks(target);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(done).as("chunks committed before the kill").isGreaterThanOrEqualTo(3);
        return done;
    }

    private long doneChunks(String target) {
        try {
            return count(target, "SELECT count(*) FROM _doppel.chunks WHERE done");
        } catch (SQLException notYet) {
            return 0;
        }
    }

    private long count(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Map<String, String> checksums(String database) throws SQLException {
        try (Connection connection = server.connect(database)) {
            return TableChecksums.of(connection);
        }
    }
}
