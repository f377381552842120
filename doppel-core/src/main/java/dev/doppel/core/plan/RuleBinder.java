package dev.doppel.core.plan;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.Params;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.core.transform.ValueTransform;
import java.util.List;

/** Binds a table's rules to its columns: one {@link ValueTransform} per copied column. */
public final class RuleBinder {
    private final TransformerRegistry registry;
    private final MaskingKey key;
    private final String locale;

    public RuleBinder(TransformerRegistry registry, MaskingKey key, String locale) {
        this.registry = registry;
        this.key = key;
        this.locale = locale;
    }

    /**
     * @return one entry per copied column, null where the value is copied unchanged
     * @throws dev.doppel.core.transform.BindException when a rule cannot work on its column
     */
    public ValueTransform[] bind(TablePlan table) {
        List<ColumnPlan> columns = table.copiedColumns();
        ValueTransform[] transforms = new ValueTransform[columns.size()];
        for (int i = 0; i < transforms.length; i++) {
            ColumnPlan column = columns.get(i);
            if (column.masked()) {
                transforms[i] = bind(table, column);
            }
        }
        return transforms;
    }

    public dev.doppel.core.transform.TransformerDescriptor descriptorOf(String transformer) {
        return registry.find(transformer).orElseThrow().descriptor();
    }

    public ValueTransform bind(TablePlan table, ColumnPlan column) {
        ColumnRule rule = column.rule();
        Transformer transformer = registry.find(rule.transformer()).orElseThrow();
        Params params = new Params(transformer.descriptor(), rule.params());
        return transformer.bind(new BindContext(table.table(), column.column(), transformer.descriptor(), params, key, locale));
    }
}
