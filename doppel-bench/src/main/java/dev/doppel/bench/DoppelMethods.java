package dev.doppel.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The methods that run doppel, the same for every engine: {@code doppel run} (c) and
 * {@code doppel snapshot} + {@code doppel restore} (d), each in its own JVM with the benchmark's
 * heap, into an empty database of the engine's server.
 */
final class DoppelMethods {
    private final BenchServer server;
    private final Path work;
    private final String jobs;
    private final List<String> java;
    private final Map<String, Path> logs = new LinkedHashMap<>();

    DoppelMethods(BenchServer server, BenchOptions options, Path work) throws Exception {
        this.server = server;
        this.work = work;
        this.jobs = Integer.toString(options.jobs());
        this.java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + options.heap(),
                "-jar", options.doppelJar());
        Files.writeString(work.resolve("bench.key"), "benchmark-key-not-secret-0123456789");
    }

    Measured.Result run(String target, boolean masked, boolean verify) throws Exception {
        List<String> command = doppel("run", "-c", config(target, masked).toString(), "--jobs", jobs, "--progress", "lines",
                "--report-dir", work.resolve("reports").toString());
        if (!verify) {
            command.add("--no-verify");
        }
        return Measured.run(command, log(target, "run"));
    }

    /**
     * A masked, leak-verified snapshot into a directory, restored as a user would: loaded beside the
     * (empty) live database, verified, swapped in.
     */
    Measured.Result snapshotAndRestore(String target) throws Exception {
        Path store = work.resolve("snapshots");
        BenchFiles.delete(store);
        String config = config(target, true).toString();
        String restoring = restoringSide(target);
        Measured.Steps steps = new Measured.Steps();
        steps.add(Measured.run(doppel("snapshot", "-c", config, "--to", store.toUri().toString(), "--name", "bench",
                "--jobs", jobs, "--progress", "lines", "--report-dir", work.resolve("reports").toString()),
                log(target, "snapshot")));
        steps.add(Measured.run(doppel("restore", store.resolve("bench").toUri().toString(), "-c", restoring, "--to",
                target, "--jobs", jobs, "--progress", "lines"), log(target, "restore")));
        Measured.Result result = steps.total();
        BenchFiles.delete(store);
        return result;
    }

    /** Where the time of each doppel command went, by phase. */
    void printPhases(PrintStream out) throws Exception {
        out.println();
        out.println("doppel's phases (from its progress lines):");
        for (Map.Entry<String, Path> log : logs.entrySet()) {
            out.printf(Locale.ROOT, "  %-19s %s%n", log.getKey(), Phases.of(log.getValue()));
        }
    }

    private Path log(String target, String command) {
        Path log = work.resolve(target + "-" + command + ".log");
        logs.put(target + " " + command, log);
        return log;
    }

    private Path config(String target, boolean masked) throws Exception {
        server.createDatabase(target);
        return Files.writeString(work.resolve(target + ".yml"), BenchData.config(server, target, masked));
    }

    /** The restoring side's own config: the target's credentials only, no source and no masking key. */
    private String restoringSide(String target) throws Exception {
        return Files.writeString(work.resolve(target + "-restore.yml"), "version: 1\ntargets:\n  " + target + ": "
                + server.connection(target) + "\n").toString();
    }

    private List<String> doppel(String... arguments) {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of(arguments));
        return command;
    }
}
