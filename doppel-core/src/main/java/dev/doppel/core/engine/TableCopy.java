package dev.doppel.core.engine;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import java.util.List;

/**
 * What to copy of one table: the columns in order (generated columns left out, as the target
 * computes them) and an optional SQL predicate.
 */
public record TableCopy(Table table, List<Column> columns, String where) {
    public TableCopy {
        columns = List.copyOf(columns);
    }

    public static TableCopy of(Table table, String where) {
        return new TableCopy(table, table.columns().stream().filter(c -> !c.generated()).toList(), where);
    }
}
