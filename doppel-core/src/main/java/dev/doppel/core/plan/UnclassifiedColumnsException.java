package dev.doppel.core.plan;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.TableName;
import java.util.List;
import java.util.Map;

/**
 * The privacy gate: columns of copied tables that have neither a rule nor {@code keep}. The
 * message lists every one and the config lines that would classify them.
 */
public final class UnclassifiedColumnsException extends DoppelException {
    private final Map<TableName, List<Column>> columns;

    public UnclassifiedColumnsException(String file, Map<TableName, List<Column>> columns) {
        super(ExitCode.PRIVACY_GATE, message(file, columns));
        this.columns = Map.copyOf(columns);
    }

    public Map<TableName, List<Column>> columns() {
        return columns;
    }

    private static String message(String file, Map<TableName, List<Column>> columns) {
        int count = columns.values().stream().mapToInt(List::size).sum();
        StringBuilder out = new StringBuilder()
                .append("The privacy gate stopped the run: ").append(count).append(" column")
                .append(count == 1 ? " has" : "s have").append(" no rule in ").append(file)
                .append(" (unclassified: fail). Nothing was written.\n");
        columns.forEach((table, cols) -> cols.forEach(c ->
                out.append("  - ").append(table).append('.').append(c.name()).append(" (").append(c.nativeType()).append(")\n")));
        out.append("Classify each one under masking.tables — a transformer if it holds personal data, keep if not:\n")
                .append("  masking:\n    tables:\n");
        columns.forEach((table, cols) -> {
            out.append("      ").append(table).append(":\n        columns:\n");
            cols.forEach(c -> out.append("          ").append(c.name()).append(": keep   # or a transformer, e.g. hash\n"));
        });
        out.append("A table you do not need can be left out with {mode: exclude} or copied empty with {mode: schema_only}.");
        return out.toString();
    }
}
