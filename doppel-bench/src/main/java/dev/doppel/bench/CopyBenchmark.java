package dev.doppel.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times, in one run and on one server, the ways to get a masked copy of a PostgreSQL database:
 * (a) the unmasked copy users know, {@code pg_dump -Fd -j N -Z0} + {@code pg_restore -j N};
 * (b) today's masking pipeline: dump, restore into a scratch database, UPDATE the personal
 * columns, dump again, restore; (c) {@code doppel run}. Prints each time, its ratio to (a), and
 * peak memory. See docs/benchmarks.md.
 */
public final class CopyBenchmark {
    private final int sizeMegabytes;
    private final int jobs;
    private final Path work;
    private final String doppelJar;
    private final String heap;

    private CopyBenchmark(int sizeMegabytes, int jobs, Path work, String doppelJar, String heap) {
        this.sizeMegabytes = sizeMegabytes;
        this.jobs = jobs;
        this.work = work;
        this.doppelJar = doppelJar;
        this.heap = heap;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--size-mb", "1024", "--jobs",
                Integer.toString(Runtime.getRuntime().availableProcessors()), "--work", "target/copy-benchmark",
                "--doppel-jar", "doppel-cli/target/doppel.jar", "--heap", "256m"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        new CopyBenchmark(Integer.parseInt(options.get("--size-mb")), Integer.parseInt(options.get("--jobs")),
                Path.of(options.get("--work")).toAbsolutePath(), options.get("--doppel-jar"), options.get("--heap")).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_connections", "100")
                .start()) {
            Server pg = new Server(server.getPort());
            System.out.printf(Locale.ROOT, "PostgreSQL %s on port %d; %d jobs; generating about %d MB of table data…%n",
                    pg.scalar("postgres", "SHOW server_version"), server.getPort(), jobs, sizeMegabytes);
            pg.execute("postgres", "CREATE DATABASE source");
            BenchData.generate(pg, "source", sizeMegabytes);
            System.out.printf(Locale.ROOT, "source: %s in tables, %s rows%n", pg.scalar("source",
                    "SELECT pg_size_pretty(sum(pg_relation_size(oid))) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"),
                    pg.scalar("source", "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM orders)"));

            Map<String, Measured.Result> results = new LinkedHashMap<>();
            results.put("(a) pg_dump -Fd -j" + jobs + " -Z0 + pg_restore -j" + jobs + " (unmasked)", dumpAndRestore(pg, "source", "a_target", "a"));
            results.put("(b) dump, restore, UPDATE, dump, restore (masked)", updatePipeline(pg));
            results.put("(c) doppel run --jobs " + jobs + " (masked, verified), -Xmx" + heap, doppelRun(pg, "c_target", true, true));
            results.put("    the same with --no-verify", doppelRun(pg, "n_target", true, false));
            results.put("    the same with every column kept", doppelRun(pg, "k_target", false, false));
            results.put("(d) doppel snapshot + restore --in-place (both --no-verify)", snapshotAndRestore(pg));
            pg.checkSameCounts("source", List.of("a_target", "b_target", "c_target", "n_target", "k_target", "d_target"));

            double baseline = results.values().iterator().next().seconds();
            System.out.println();
            System.out.printf(Locale.ROOT, "%-58s %10s %8s %12s%n", "method", "seconds", "× (a)", "peak RSS");
            results.forEach((name, result) -> System.out.printf(Locale.ROOT, "%-58s %10.1f %8.2f %9d MB%n", name,
                    result.seconds(), result.seconds() / baseline, result.peakKilobytes() / 1024));
        }
    }

    private Measured.Result dumpAndRestore(Server pg, String from, String to, String label) throws Exception {
        Path dump = work.resolve("dump-" + label);
        deleteRecursively(dump);
        long start = System.nanoTime();
        Measured.Result dumped = Measured.run(List.of("pg_dump", "-h", "localhost", "-p", Integer.toString(pg.port), "-U", "postgres",
                "-Fd", "-j", Integer.toString(jobs), "-Z0", "-f", dump.toString(), from), work.resolve(label + "-dump.log"));
        pg.execute("postgres", "CREATE DATABASE " + to);
        Measured.Result restored = Measured.run(List.of("pg_restore", "-h", "localhost", "-p", Integer.toString(pg.port), "-U", "postgres",
                "-j", Integer.toString(jobs), "-d", to, dump.toString()), work.resolve(label + "-restore.log"));
        deleteRecursively(dump);
        return new Measured.Result((System.nanoTime() - start) / 1e9, Math.max(dumped.peakKilobytes(), restored.peakKilobytes()));
    }

    private Measured.Result updatePipeline(Server pg) throws Exception {
        long start = System.nanoTime();
        Measured.Result first = dumpAndRestore(pg, "source", "b_scratch", "b1");
        pg.execute("b_scratch", BenchData.MASKING_UPDATES);
        Measured.Result second = dumpAndRestore(pg, "b_scratch", "b_target", "b2");
        return new Measured.Result((System.nanoTime() - start) / 1e9, Math.max(first.peakKilobytes(), second.peakKilobytes()));
    }

    private Measured.Result doppelRun(Server pg, String target, boolean masked, boolean verify) throws Exception {
        pg.execute("postgres", "CREATE DATABASE " + target);
        Path key = work.resolve("bench.key");
        Files.writeString(key, "benchmark-key-not-secret-0123456789");
        Path config = work.resolve(target + ".yml");
        Files.writeString(config, BenchData.config(pg.port, target, masked));
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap, "-jar", doppelJar, "run", "-c", config.toString(),
                "--jobs", Integer.toString(jobs), "--progress", "lines", "--report-dir", work.resolve("reports").toString()));
        if (!verify) {
            command.add("--no-verify");
        }
        return Measured.run(command, work.resolve(target + "-run.log"));
    }

    private Measured.Result snapshotAndRestore(Server pg) throws Exception {
        Path store = work.resolve("snapshots");
        deleteRecursively(store);
        Path config = work.resolve("d_target.yml");
        Files.writeString(config, BenchData.config(pg.port, "d_target", true));
        pg.execute("postgres", "CREATE DATABASE d_target");
        long start = System.nanoTime();
        Measured.Result snapshot = Measured.run(List.of("java", "-Xmx" + heap, "-jar", doppelJar, "snapshot", "-c", config.toString(),
                "--to", store.toUri().toString(), "--name", "bench", "--jobs", Integer.toString(jobs), "--progress", "lines",
                "--no-verify"), work.resolve("d-snapshot.log"));
        Measured.Result restore = Measured.run(List.of("java", "-Xmx" + heap, "-jar", doppelJar, "restore",
                store.resolve("bench").toUri().toString(), "--to", "jdbc:postgresql://localhost:" + pg.port + "/d_target?user=postgres",
                "--in-place", "--jobs", Integer.toString(jobs), "--progress", "lines"), work.resolve("d-restore.log"));
        deleteRecursively(store);
        return new Measured.Result((System.nanoTime() - start) / 1e9, Math.max(snapshot.peakKilobytes(), restore.peakKilobytes()));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var files = Files.walk(path)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The benchmark's server, reached as postgres without a password. */
    static final class Server {
        final int port;

        Server(int port) {
            this.port = port;
        }

        Connection connect(String database) throws SQLException {
            return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "");
        }

        void execute(String database, String sql) throws SQLException {
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        String scalar(String database, String sql) throws SQLException {
            try (Connection connection = connect(database); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getString(1);
            }
        }

        void checkSameCounts(String source, List<String> targets) throws SQLException {
            String counts = "SELECT (SELECT count(*) FROM customers) || '/' || (SELECT count(*) FROM orders)";
            String expected = scalar(source, counts);
            for (String target : targets) {
                String actual = scalar(target, counts);
                if (!actual.equals(expected)) {
                    throw new IllegalStateException(target + " holds " + actual + " rows where the source holds " + expected);
                }
            }
        }
    }
}
