package dev.doppel.core.plan;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.schema.Column;
import dev.doppel.core.transform.builtin.KeepTransformer;

/**
 * What happens to one column.
 *
 * @param rule the config's rule, or null when the column is copied unchanged without one
 */
public record ColumnPlan(Column column, ColumnRule rule, Source source) {

    /** Why the column gets what it gets. */
    public enum Source {
        /** A rule in the config (which may be {@code keep}). */
        CONFIG,
        /** Computed by the target: never read nor written. */
        GENERATED,
        /** No rule, copied unchanged because {@code unclassified: warn}. */
        UNCLASSIFIED
    }

    public String transformer() {
        return rule == null ? KeepTransformer.NAME : rule.transformer();
    }

    public boolean masked() {
        return rule != null && !rule.transformer().equals(KeepTransformer.NAME);
    }
}
