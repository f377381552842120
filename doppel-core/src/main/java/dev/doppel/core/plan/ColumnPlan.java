package dev.doppel.core.plan;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.schema.Column;
import dev.doppel.core.transform.builtin.KeepTransformer;
import dev.doppel.core.transform.builtin.NullTransformer;

/**
 * What happens to one column.
 *
 * @param rule the config's rule, or null when the column is copied unchanged without one
 * @param origin why a {@link Source#PROPAGATED} column has its rule, e.g. {@code app.customers.id
 *     through foreign key orders_customer_id_fkey}; null otherwise
 */
public record ColumnPlan(Column column, ColumnRule rule, Source source, String origin) {

    public ColumnPlan(Column column, ColumnRule rule, Source source) {
        this(column, rule, source, null);
    }

    /** Why the column gets what it gets. */
    public enum Source {
        /** A rule in the config (which may be {@code keep}). */
        CONFIG,
        /** Computed by the target: never read nor written. */
        GENERATED,
        /** No rule, copied unchanged because {@code unclassified: warn}. */
        UNCLASSIFIED,
        /** No rule in the config: the rule of the key it references, so that the foreign key still holds. */
        PROPAGATED
    }

    public String transformer() {
        return rule == null ? KeepTransformer.NAME : rule.transformer();
    }

    public boolean masked() {
        return rule != null && !rule.transformer().equals(KeepTransformer.NAME);
    }

    /** True when the rule is {@code null}: every value becomes NULL. */
    public boolean nulled() {
        return rule != null && rule.transformer().equals(NullTransformer.NAME);
    }
}
