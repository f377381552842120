package dev.doppel.cli;

import dev.doppel.core.pipeline.RunSummary;

/** The one-line summary at the end of a run. */
final class Summaries {
    private Summaries() {}

    static String line(RunSummary summary) {
        return "Done in " + Formats.seconds(summary.seconds()) + ": " + summary.tablesCopied() + " tables copied"
                + (summary.tablesSchemaOnly() > 0 ? " (+" + summary.tablesSchemaOnly() + " schema only)" : "")
                + ", " + Formats.count(summary.rows()) + " rows, " + Formats.bytes(summary.bytes()) + ", "
                + summary.maskedColumns() + " masked column" + (summary.maskedColumns() == 1 ? "" : "s")
                + (summary.resumedChunks() > 0 ? ", " + summary.resumedChunks() + " chunks kept from the interrupted run" : "")
                + (summary.retries() > 0 ? ", " + summary.retries() + " chunk retries after transient errors" : "") + ".";
    }
}
