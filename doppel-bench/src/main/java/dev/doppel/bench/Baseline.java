package dev.doppel.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A copy without doppel, such as dump + restore: {@code id} heads its ratio column, {@code missing}
 * says why it cannot run here (a tool is not installed), or is null.
 */
record Baseline(String id, String name, Copier copier, String missing) {
    /** Copies one database of the server into another, empty one; {@code step} names its logs. */
    @FunctionalInterface
    interface Copier {
        Measured.Result copy(String from, String to, String step) throws Exception;
    }

    /** A copy through a dump directory: dump into it, load from it (both timed), then remove it. */
    static Measured.Result throughDirectory(Path directory, List<String> dump, Path dumpLog, List<String> load, Path loadLog)
            throws Exception {
        BenchFiles.delete(directory);
        Measured.Steps steps = new Measured.Steps();
        steps.add(Measured.run(dump, dumpLog));
        steps.add(Measured.run(load, loadLog));
        Measured.Result result = steps.total();
        BenchFiles.delete(directory);
        return result;
    }

    String target() {
        return id + "_target";
    }
}
