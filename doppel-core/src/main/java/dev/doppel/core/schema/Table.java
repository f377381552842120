package dev.doppel.core.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table whose rows can be copied.
 *
 * @param estimatedRows the engine's estimate, or -1 when it has none
 * @param estimatedBytes the engine's estimate of the table's size on disk, or -1
 */
public record Table(TableName name, List<Column> columns, long estimatedRows, long estimatedBytes) {
    public Table {
        columns = List.copyOf(columns);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public int indexOf(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }
}
