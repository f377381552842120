package dev.doppel.core.pipeline;

import java.util.List;

/** What a finished run did. */
public record RunSummary(int tablesCopied, int tablesSchemaOnly, long rows, long bytes, long maskedColumns,
                         double seconds, List<TableProgress> tables) {
    public RunSummary {
        tables = List.copyOf(tables);
    }
}
