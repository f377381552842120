package dev.doppel.cli;

import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.TableProgress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a run's progress on standard error: on a terminal, a live bar per running table redrawn
 * in place; elsewhere (CI, cron, a log file), one line per finished table. Only names and
 * counters are shown, never values.
 */
final class ProgressDisplay implements CopyListener, AutoCloseable {
    private static final String UP_AND_CLEAR = "\033[1A\033[2K";
    private static final int BAR_WIDTH = 24;

    private final PrintWriter err;
    private final ProgressMode mode;
    private final List<TableProgress> running = new ArrayList<>();
    private final ScheduledExecutorService ticker;
    private int drawnLines;

    private ProgressDisplay(PrintWriter err, ProgressMode mode) {
        this.err = err;
        this.mode = mode;
        if (mode == ProgressMode.BARS) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "doppel-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::redraw, 200, 200, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    static ProgressDisplay create(ProgressMode requested, PrintWriter err) {
        ProgressMode mode = requested;
        if (mode == ProgressMode.AUTO) {
            String term = System.getenv("TERM");
            boolean terminal = System.console() != null && term != null && !term.equals("dumb");
            mode = terminal ? ProgressMode.BARS : ProgressMode.LINES;
        }
        return new ProgressDisplay(err, mode);
    }

    @Override
    public synchronized void phase(String description) {
        if (mode != ProgressMode.NONE) {
            print("· " + description);
        }
    }

    @Override
    public synchronized void warning(String message) {
        print("warning: " + message);
    }

    private static final Set<String> TEXT_ONLY = Set.of("text");

    @Override
    public synchronized void tableStarted(TableProgress table) {
        running.add(table);
    }

    @Override
    public synchronized void tableFinished(TableProgress table) {
        running.remove(table);
        if (mode != ProgressMode.NONE) {
            double seconds = Math.max(table.seconds(), 0.001);
            String formats = table.formats().equals(TEXT_ONLY) ? "" : ", " + String.join(" and ", table.formats());
            print(String.format(Locale.ROOT, "  copied %-40s %12s rows %10s %8s  (%s rows/s%s)", table.table(),
                    Formats.count(table.rows()), Formats.bytes(table.bytes()), Formats.seconds(table.seconds()),
                    Formats.count((long) (table.rows() / seconds)), formats));
        }
    }

    @Override
    public synchronized void built(String object, double seconds) {
        if (mode != ProgressMode.NONE) {
            print(String.format(Locale.ROOT, "  built %-60s %8s", object, Formats.seconds(seconds)));
        }
    }

    private void print(String line) {
        clearBars();
        err.println(line);
        drawBars();
        err.flush();
    }

    private synchronized void redraw() {
        clearBars();
        drawBars();
        err.flush();
    }

    private void clearBars() {
        for (int i = 0; i < drawnLines; i++) {
            err.print(UP_AND_CLEAR);
        }
        drawnLines = 0;
    }

    private void drawBars() {
        if (mode != ProgressMode.BARS) {
            return;
        }
        for (TableProgress table : running) {
            err.println(bar(table));
            drawnLines++;
        }
    }

    static String bar(TableProgress table) {
        long rows = table.rows();
        double seconds = Math.max(table.seconds(), 0.001);
        double rate = rows / seconds;
        long estimate = table.estimatedRows();
        String gauge;
        String eta;
        if (estimate > 0) {
            double fraction = Math.min(1.0, (double) rows / estimate);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            gauge = "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                    + String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100));
            long remaining = Math.max(0, estimate - rows);
            eta = rate > 0 ? "ETA " + Formats.seconds(remaining / rate) : "ETA ?";
        } else {
            gauge = "[" + " ".repeat(BAR_WIDTH / 2 - 1) + "?" + " ".repeat(BAR_WIDTH / 2) + "]     ";
            eta = "";
        }
        return String.format(Locale.ROOT, "  %-32s %s %12s rows %10s rows/s %s", table.table(), gauge,
                Formats.count(rows), Formats.count((long) rate), eta);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clearBars();
        err.flush();
    }
}
