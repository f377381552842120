package dev.doppel.core.schema;

import java.util.List;

/**
 * A rule the values of one column must keep on the target, so that pre-flight can test masked
 * output against it before any data moves.
 *
 * @param name what it is, for messages: a constraint's name, {@code domain app.positive_int}, {@code enum app.mood}
 * @param expression a single-column CHECK expression in the engine's SQL (a domain's {@code VALUE}
 *     stands for the column), or null for an enumeration
 * @param allowed the only values allowed (an enumeration's labels), or empty for a CHECK
 */
public record ValueConstraint(TableName table, String column, String name, String expression, List<String> allowed) {
    public ValueConstraint {
        allowed = List.copyOf(allowed);
    }

    public static ValueConstraint check(TableName table, String column, String name, String expression) {
        return new ValueConstraint(table, column, name, expression, List.of());
    }

    public static ValueConstraint enumeration(TableName table, String column, String name, List<String> labels) {
        return new ValueConstraint(table, column, name, null, labels);
    }
}
