package dev.doppel.core.scan;

import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.Table;
import dev.doppel.core.text.RowText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples a table's columns and feeds each value to its column's {@link ValueStats}; the values
 * themselves are decoded one at a time and dropped. Binary and array columns are not sampled,
 * and a value longer than {@value #MAX_FIELD_BYTES} bytes is skipped.
 */
final class ColumnSampler {
    static final int MAX_FIELD_BYTES = 1 << 16;
    private static final Set<ColumnKind> SAMPLED = Set.of(ColumnKind.TEXT, ColumnKind.JSON, ColumnKind.OTHER,
            ColumnKind.DATE, ColumnKind.TIMESTAMP, ColumnKind.INTEGER, ColumnKind.DECIMAL);

    private ColumnSampler() {}

    /** Stats for each sampled column by name; columns that are not sampled are absent. */
    static Map<String, ValueStats> sample(SourceDatabase source, Table table, List<Column> columns, int rows) {
        List<Column> sampled = columns.stream().filter(c -> !c.generated() && SAMPLED.contains(c.kind())).toList();
        Map<String, ValueStats> stats = new LinkedHashMap<>();
        sampled.forEach(c -> stats.put(c.name(), new ValueStats()));
        if (sampled.isEmpty() || source == null) {
            return source == null ? Map.of() : stats;
        }
        ValueStats[] byField = sampled.stream().map(c -> stats.get(c.name())).toArray(ValueStats[]::new);
        source.sample(table, sampled, rows, (buffer, offset, length) -> {
            int end = offset + length;
            if (end > offset && buffer[end - 1] == RowText.END) {
                end--;
            }
            int field = 0;
            int start = offset;
            for (int i = offset; i <= end && field < byField.length; i++) {
                if (i == end || buffer[i] == RowText.DELIMITER) {
                    if (i - start <= MAX_FIELD_BYTES) {
                        String value = RowText.decode(buffer, start, i);
                        if (value != null) {
                            byField[field].accept(value);
                        }
                    }
                    field++;
                    start = i + 1;
                }
            }
        });
        return stats;
    }
}
