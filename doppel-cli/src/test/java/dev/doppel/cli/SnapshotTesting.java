package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.Fixture;
import dev.doppel.postgres.TableChecksums;
import dev.doppel.postgres.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A source, configs for both sides of a snapshot, and the doppel command, for the snapshot tests. */
final class SnapshotTesting {
    static final String PASSWORD = "hunter2-never-shown";
    static final String SNAPSHOT_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    final TestPostgres server = TestPostgres.get();
    final Path dir;

    SnapshotTesting(Path dir) throws IOException {
        this.dir = dir;
        Files.writeString(dir.resolve("key.txt"), Fixture.KEY);
        Files.writeString(dir.resolve("snapshot.key"), SNAPSHOT_KEY);
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    Result doppel(String... args) {
        Result result = run(args);
        assertThat(result.all()).doesNotContain(PASSWORD, Fixture.KEY, SNAPSHOT_KEY);
        return result;
    }

    /** Runs one command line in this JVM, as the doppel command would. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Doppel.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The producing side's config: the fixture's, with a snapshot: section added. */
    Path producerConfig(String name, String source, String target, String snapshotSection) throws IOException {
        String text = Fixture.configText(server, source, target)
                .replace("${env:PGPASS}", server.password())
                .replace("${env:DOPPEL_KEY}", "${file:key.txt}");
        Path file = dir.resolve(name);
        Files.writeString(file, text + (snapshotSection == null ? "" : snapshotSection));
        return file;
    }

    /** The restoring side's config: no source, no masking key; a target named "staging". */
    Path consumerConfig(String name, String database, String snapshotSection) throws IOException {
        String text = "version: 1\n"
                + "targets:\n"
                + "  staging: { url: \"" + server.url(database) + "\", user: \"" + server.user() + "\", password: \""
                + server.password() + "\" }\n"
                + (snapshotSection == null ? "" : snapshotSection);
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** Writes an Ed25519 key pair as PEM files NAME.pem (private) and NAME.pub.pem (public). */
    void keyPair(String name) throws IOException, NoSuchAlgorithmException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(dir.resolve(name + ".pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(dir.resolve(name + ".pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * Runs a doppel command line in another JVM and kills it (SIGKILL) once its progress says it
     * is copying rows; fails when it never does.
     */
    static void killOnceCopying(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Doppel.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                seen.add(line);
                if (line.contains("copying")) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("the child's progress").anyMatch(l -> l.contains("copying"));
    }

    /** A copy of a store in a new folder under {@code dir}, to tamper with. */
    static Path copy(Path store, Path dir) throws IOException {
        Path target = Files.createTempDirectory(dir, "copy");
        try (Stream<Path> files = Files.walk(store)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(store.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }

    /** The biggest data file of the snapshot {@code only} in a store. */
    static Path biggestDataFile(Path store) throws IOException {
        try (Stream<Path> files = Files.walk(store.resolve("only/data"))) {
            return files.filter(Files::isRegularFile).max(Comparator.comparingLong(SnapshotTesting::size)).orElseThrow();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> checksums(String database) throws SQLException {
        try (Connection connection = server.connect(database)) {
            return TableChecksums.of(connection);
        }
    }

    boolean exists(String database) throws SQLException {
        try (Connection connection = server.connect("postgres");
             var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A fresh, unused database name (not created). */
    String newName(String prefix) {
        String name = server.createDatabase(prefix);
        try (Connection connection = server.connect("postgres")) {
            connection.createStatement().execute("DROP DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }
}
