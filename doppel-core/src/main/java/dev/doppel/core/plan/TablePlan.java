package dev.doppel.core.plan;

import dev.doppel.core.config.TableMode;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.schema.Table;
import java.util.List;

/** What happens to one table and each of its columns. */
public record TablePlan(Table table, TableMode mode, String where, List<ColumnPlan> columns) {
    public TablePlan {
        columns = List.copyOf(columns);
    }

    /** The columns that are read and written, in order: all but generated ones. */
    public List<ColumnPlan> copiedColumns() {
        return columns.stream().filter(c -> c.source() != ColumnPlan.Source.GENERATED).toList();
    }

    public TableCopy copy() {
        return new TableCopy(table, copiedColumns().stream().map(ColumnPlan::column).toList(), where);
    }

    public long maskedColumns() {
        return mode == TableMode.COPY ? columns.stream().filter(ColumnPlan::masked).count() : 0;
    }
}
