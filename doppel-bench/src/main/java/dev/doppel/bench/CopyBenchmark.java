package dev.doppel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Times, in one run and on one server, the ways to get a masked copy of a database: (a) the
 * unmasked copies users know (dump + restore; {@link BenchServer#baselines()}); (b) today's masking
 * pipeline: copy into a scratch database, UPDATE the personal columns, copy again; (c)
 * {@code doppel run}; (d) {@code doppel snapshot} + {@code doppel restore}. Checks every target's
 * row counts, then prints each time, its ratios to the baselines, and peak memory. One engine's
 * half ({@link PostgresBench}, {@link MariaDbBench}) supplies the server and the baselines; the
 * flow, the doppel methods and the table are shared. See docs/benchmarks.md.
 */
public final class CopyBenchmark {
    private final BenchOptions options;
    private final BenchServer server;
    private final Path work;

    private CopyBenchmark(BenchOptions options, BenchServer server, Path work) {
        this.options = options;
        this.server = server;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println("usage: " + BenchOptions.USAGE + "\nsee docs/benchmarks.md");
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        for (String engine : options.engines()) {
            Path work = Files.createDirectories(options.work(engine));
            try (BenchServer server = engine.equals("mariadb") ? MariaDbBench.start(options) : PostgresBench.start(options)) {
                new CopyBenchmark(options, server, work).run();
            }
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "%n%s; %d jobs; logs in %s%n", server.describe(), options.jobs(), work);
        server.settings().forEach(setting -> System.out.println("  " + setting));
        System.out.printf(Locale.ROOT, "generating about %d MB of table data…%n", options.sizeMegabytes());
        server.createDatabase("source");
        BenchData.generate(server, "source", options.sizeMegabytes());
        System.out.printf(Locale.ROOT, "source: %s, %s rows (customers/orders/documents)%n", server.tableSize("source"),
                BenchData.counts(server, "source"));

        ResultTable table = new ResultTable();
        List<Baseline> baselines = server.baselines();
        for (Baseline baseline : options.runs("a") ? baselines : List.<Baseline>of()) {
            String name = "(" + baseline.id() + ") " + baseline.name() + " (unmasked)";
            if (baseline.missing() != null) {
                table.missing(name, baseline.missing());
            } else {
                server.settle();
                table.reference(baseline.id(), name, baseline.target(), copy(baseline, "source", baseline.target()));
            }
        }
        if (options.runs("b")) {
            server.settle();
            table.add("(b) copy as (" + baselines.get(0).id() + "), UPDATE, copy again (masked)", "b_target",
                    updatePipeline(baselines.get(0)));
        }
        DoppelMethods doppel = new DoppelMethods(server, options, work);
        if (options.runs("c")) {
            server.settle();
            table.add("(c) doppel run --jobs " + options.jobs() + " (masked, verified), -Xmx" + options.heap(), "c_target",
                    doppel.run("c_target", true, true));
        }
        if (options.runs("n")) {
            server.settle();
            table.add("    the same with --no-verify", "n_target", doppel.run("n_target", true, false));
        }
        if (options.runs("k")) {
            server.settle();
            table.add("    the same with every column kept", "k_target", doppel.run("k_target", false, false));
        }
        if (options.runs("d")) {
            server.settle();
            table.add("(d) doppel snapshot (verified) + restore (swapped in)", "d_target",
                    doppel.snapshotAndRestore("d_target"));
        }
        checkSameCounts(table.targets());
        table.print(System.out);
        doppel.printPhases(System.out);
    }

    private Measured.Result copy(Baseline baseline, String from, String to) throws Exception {
        server.createDatabase(to);
        return baseline.copier().copy(from, to, to);
    }

    private Measured.Result updatePipeline(Baseline copy) throws Exception {
        server.createDatabase("b_scratch");
        server.createDatabase("b_target");
        Measured.Steps steps = new Measured.Steps();
        steps.add(copy.copier().copy("source", "b_scratch", "b1"));
        long start = System.nanoTime();
        server.jdbc().execute("b_scratch", BenchData.maskingUpdates(server));
        double updates = (System.nanoTime() - start) / 1e9;
        steps.add(copy.copier().copy("b_scratch", "b_target", "b2"));
        System.out.printf(Locale.ROOT, "(b): its UPDATEs took %.1f s%n", updates);
        return steps.total();
    }

    private void checkSameCounts(List<String> targets) throws Exception {
        String expected = BenchData.counts(server, "source");
        for (String target : targets) {
            String actual = BenchData.counts(server, target);
            if (!actual.equals(expected)) {
                throw new IllegalStateException(target + " holds " + actual + " rows where the source holds " + expected);
            }
        }
    }
}
