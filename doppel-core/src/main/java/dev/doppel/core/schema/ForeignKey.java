package dev.doppel.core.schema;

import java.util.List;

/**
 * A foreign key between two copied tables: {@code columns} of {@code table} reference
 * {@code referencedColumns} of {@code referenced}, pairwise in order.
 *
 * @param name the constraint's name, for messages
 */
public record ForeignKey(String name, TableName table, List<String> columns, TableName referenced,
                         List<String> referencedColumns) {
    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        if (columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " pairs " + columns.size() + " columns with "
                    + referencedColumns.size());
        }
    }

    @Override
    public String toString() {
        return name + " (" + table + " (" + String.join(", ", columns) + ") → " + referenced + " ("
                + String.join(", ", referencedColumns) + "))";
    }
}
