package dev.doppel.core.pipeline;

import java.util.List;

/**
 * What a finished run did.
 *
 * @param rows rows copied by this run (a resumed run does not count the chunks it kept)
 * @param resumedChunks chunks an interrupted run had finished and this one kept
 * @param retries chunks tried again after a transient error
 */
public record RunSummary(int tablesCopied, int tablesSchemaOnly, long rows, long bytes, long maskedColumns,
                         double seconds, List<TableProgress> tables, int resumedChunks, int retries) {
    public RunSummary {
        tables = List.copyOf(tables);
    }
}
