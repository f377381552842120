package dev.doppel.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options of {@code bench/run}; a bad value is refused with the value and what is allowed in the message. */
record BenchOptions(List<String> engines, int sizeMegabytes, int jobs, String heap, Path work, String doppelJar,
                    int mydumperRows, Set<String> methods) {
    /** The methods in the order they run: the baselines, restore-then-UPDATE, the three runs, snapshot + restore. */
    static final List<String> METHODS = List.of("a", "b", "c", "n", "k", "d");
    static final String USAGE = "bench/run [--engine postgres|mariadb|both] [--size-mb 1024] [--jobs N] [--heap 256m]"
            + " [--work DIR] [--doppel-jar FILE] [--mydumper-rows 100000] [--methods a,b,c,n,k,d]";

    static BenchOptions parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--engine", "postgres", "--size-mb", "1024",
                "--jobs", Integer.toString(Runtime.getRuntime().availableProcessors()), "--heap", "256m",
                "--work", "target/copy-benchmark", "--doppel-jar", "doppel-cli/target/doppel.jar", "--mydumper-rows", "100000"));
        options.put("--methods", String.join(",", METHODS));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; usage: " + USAGE);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; usage: " + USAGE);
            }
            options.put(args[i], args[i + 1]);
        }
        String engine = options.get("--engine");
        if (!engine.matches("postgres|mariadb|both")) {
            throw new IllegalArgumentException("--engine " + engine + ": postgres, mariadb or both");
        }
        String heap = options.get("--heap");
        if (!heap.matches("\\d+[kmgKMG]?")) {
            throw new IllegalArgumentException("--heap " + heap + ": a JVM size such as 256m");
        }
        return new BenchOptions(engine.equals("both") ? List.of("postgres", "mariadb") : List.of(engine),
                positive(options, "--size-mb"), positive(options, "--jobs"), heap,
                Path.of(options.get("--work")).toAbsolutePath(), options.get("--doppel-jar"), positive(options, "--mydumper-rows"),
                methods(options.get("--methods")));
    }

    private static Set<String> methods(String value) {
        Set<String> methods = new LinkedHashSet<>(List.of(value.split(",", -1)));
        if (methods.isEmpty() || !METHODS.containsAll(methods)) {
            throw new IllegalArgumentException("--methods " + value + ": a comma-separated list of " + String.join(", ", METHODS)
                    + " (a: the unmasked baselines, b: restore-then-UPDATE, c: doppel run, n: the same with --no-verify,"
                    + " k: the same with every column kept, d: snapshot + restore)");
        }
        return methods;
    }

    boolean runs(String method) {
        return methods.contains(method);
    }

    private static int positive(Map<String, String> options, String name) {
        String value = options.get(name);
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " " + value + ": a whole number of at least 1");
    }

    /** Where one engine's configs, logs and dumps go. */
    Path work(String engine) {
        return work.resolve(engine);
    }
}
