package dev.doppel.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The methods' results as printed: each time, its ratio to every baseline that ran (the columns
 * {@code × (a)}, {@code × (a1)}, …) and the peak resident memory of the method's processes.
 */
final class ResultTable {
    private record Row(String name, String target, Measured.Result result, String missing) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> references = new ArrayList<>();
    private final List<Double> referenceSeconds = new ArrayList<>();

    void add(String name, String target, Measured.Result result) {
        rows.add(new Row(name, target, result, null));
    }

    void missing(String name, String why) {
        rows.add(new Row(name, null, null, why));
    }

    /** A row whose time heads a ratio column. */
    void reference(String id, String name, String target, Measured.Result result) {
        add(name, target, result);
        references.add(id);
        referenceSeconds.add(result.seconds());
    }

    /** The databases the methods wrote, to check their rows. */
    List<String> targets() {
        return rows.stream().filter(row -> row.target() != null).map(Row::target).toList();
    }

    void print(PrintStream out) {
        int width = Math.max(58, rows.stream().mapToInt(row -> row.name().length()).max().orElse(0));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s %10s", "method", "seconds"));
        references.forEach(id -> header.append(String.format(Locale.ROOT, " %8s", "× (" + id + ")")));
        out.println();
        out.println(header.append(String.format(Locale.ROOT, " %12s", "peak RSS")));
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s ", row.name()));
            if (row.result() == null) {
                out.println(line.append(String.format(Locale.ROOT, "%10s", row.missing())));
                continue;
            }
            line.append(String.format(Locale.ROOT, "%10.1f", row.result().seconds()));
            referenceSeconds.forEach(seconds -> line.append(String.format(Locale.ROOT, " %8.2f", row.result().seconds() / seconds)));
            out.println(line.append(String.format(Locale.ROOT, " %9d MB", row.result().peakKilobytes() / 1024)));
        }
    }
}
