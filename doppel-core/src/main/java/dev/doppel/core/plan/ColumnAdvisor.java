package dev.doppel.core.plan;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import java.util.List;
import java.util.Map;

/**
 * Proposes rules for columns nobody classified, for the privacy gate's message. The scanner is
 * the real one; {@link #NONE} proposes nothing.
 */
@FunctionalInterface
public interface ColumnAdvisor {
    /**
     * @return advice by column name; columns without advice are left out
     */
    Map<String, Advice> advise(Table table, List<Column> columns);

    /**
     * @param rule the rule as config YAML, e.g. {@code email} or {@code { transformer: hash, length: 20 }}
     * @param reason why, in a few words, with evidence as counts; never a value
     */
    record Advice(String rule, String reason) {}

    ColumnAdvisor NONE = (table, columns) -> Map.of();
}
