package dev.doppel.core.engine;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import java.util.List;

/**
 * What to copy of one table: the columns in order (generated columns left out, as the target
 * computes them), an optional SQL predicate from the config, and the chunk.
 */
public record TableCopy(Table table, List<Column> columns, String where, Chunk chunk) {
    public TableCopy {
        columns = List.copyOf(columns);
        chunk = chunk == null ? Chunk.WHOLE : chunk;
    }

    public TableCopy(Table table, List<Column> columns, String where) {
        this(table, columns, where, Chunk.WHOLE);
    }

    public static TableCopy of(Table table, String where) {
        return new TableCopy(table, table.columns().stream().filter(c -> !c.generated()).toList(), where);
    }

    public TableCopy withChunk(Chunk other) {
        return new TableCopy(table, columns, where, other);
    }

    /** The config's predicate and the chunk's, joined with AND; null when there is neither. */
    public String predicate() {
        if (where == null) {
            return chunk.predicate();
        }
        return chunk.isWhole() ? where : "(" + where + ") AND (" + chunk.predicate() + ")";
    }
}
