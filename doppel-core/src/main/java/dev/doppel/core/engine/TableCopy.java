package dev.doppel.core.engine;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import dev.doppel.core.text.RowFormat;
import dev.doppel.core.text.RowText;
import java.util.List;
import java.util.Set;

/**
 * What to copy of one table: the columns in order (generated columns left out, as the target
 * computes them), an optional SQL predicate from the config, the chunk, and the columns whose
 * values the reader replaces with NULL without reading them.
 *
 * @param readAsNull names of columns in {@code columns} that the source is asked for as a NULL
 *     literal: their rule writes NULL whatever the value and no other rule reads it, so their
 *     values (often the widest: notes, comments) are neither read nor sent
 * @param format the form the rows travel in from the reader to the writer: {@link RowText#FORMAT}
 *     unless both speak a faster one ({@link TableReader#fasterFormat}, {@link TableWriter#takes})
 */
public record TableCopy(Table table, List<Column> columns, String where, Chunk chunk, Set<String> readAsNull,
                        RowFormat format) {
    public TableCopy {
        columns = List.copyOf(columns);
        chunk = chunk == null ? Chunk.WHOLE : chunk;
        readAsNull = Set.copyOf(readAsNull);
        format = format == null ? RowText.FORMAT : format;
    }

    public TableCopy(Table table, List<Column> columns, String where, Chunk chunk, Set<String> readAsNull) {
        this(table, columns, where, chunk, readAsNull, RowText.FORMAT);
    }

    public TableCopy(Table table, List<Column> columns, String where, Chunk chunk) {
        this(table, columns, where, chunk, Set.of());
    }

    public TableCopy(Table table, List<Column> columns, String where) {
        this(table, columns, where, Chunk.WHOLE);
    }

    public static TableCopy of(Table table, String where) {
        return new TableCopy(table, table.columns().stream().filter(c -> !c.generated()).toList(), where);
    }

    public TableCopy withChunk(Chunk other) {
        return new TableCopy(table, columns, where, other, readAsNull, format);
    }

    public TableCopy readingAsNull(Set<String> names) {
        return new TableCopy(table, columns, where, chunk, names, format);
    }

    public TableCopy inFormat(RowFormat other) {
        return new TableCopy(table, columns, where, chunk, readAsNull, other);
    }

    /** True when the rows travel in {@link RowText} form. */
    public boolean isText() {
        return format == RowText.FORMAT;
    }

    /** True when the reader asks for the column as a NULL literal instead of reading it. */
    public boolean readsAsNull(Column column) {
        return readAsNull.contains(column.name());
    }

    /** The config's predicate and the chunk's, joined with AND; null when there is neither. */
    public String predicate() {
        if (where == null) {
            return chunk.predicate();
        }
        return chunk.isWhole() ? where : "(" + where + ") AND (" + chunk.predicate() + ")";
    }
}
