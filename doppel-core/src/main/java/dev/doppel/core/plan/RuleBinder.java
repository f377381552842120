package dev.doppel.core.plan;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.BindScope;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.Params;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.core.transform.ValueTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

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

    public TransformerDescriptor descriptorOf(String transformer) {
        return registry.find(transformer).orElseThrow().descriptor();
    }

    /**
     * @throws BindException when the rule cannot work on its column, including a UNIQUE column
     *     ruled by a transformer that may repeat values
     */
    public ValueTransform bind(TablePlan table, ColumnPlan column) {
        return bind(table, column, index -> { });
    }

    /**
     * For each copied column, the indexes of the other columns its rule reads from the row
     * ({@link dev.doppel.core.transform.RowValues}), as its transformer asked for them when it was
     * bound (directly, or through a rule it composes with); empty for a column without a rule.
     * Lets a reader that needs only some columns' masked values read just those and what they
     * depend on.
     */
    public List<Set<Integer>> references(TablePlan table) {
        List<Set<Integer>> references = new ArrayList<>();
        for (ColumnPlan column : table.copiedColumns()) {
            Set<Integer> read = new TreeSet<>();
            if (column.masked()) {
                bind(table, column, index -> {
                    if (index >= 0) {
                        read.add(index);
                    }
                });
            }
            references.add(Set.copyOf(read));
        }
        return references;
    }

    /**
     * The copied columns the source need not send ({@link dev.doppel.core.engine.TableCopy#readAsNull}):
     * ruled {@code null}, so every value becomes NULL, and read by no other column's rule.
     */
    public Set<String> readAsNull(TablePlan table) {
        List<ColumnPlan> columns = table.copiedColumns();
        List<Set<Integer>> references = references(table);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            ColumnPlan column = columns.get(i);
            if (column.nulled() && references.stream().noneMatch(read -> read.contains(index))) {
                names.add(column.column().name());
            }
        }
        return names;
    }

    private ValueTransform bind(TablePlan table, ColumnPlan column, IntConsumer reads) {
        BindContext context = context(table, column, reads);
        if (column.column().unique() && !context.descriptor().uniqueSafe()) {
            throw new BindException("column is UNIQUE and '" + context.descriptor().name() + "' may give equal outputs "
                    + "for distinct inputs; use a unique-safe transformer (" + uniqueSafeNames() + ")");
        }
        return registry.find(column.rule().transformer()).orElseThrow().bind(context);
    }

    private BindContext context(TablePlan table, ColumnPlan column, IntConsumer reads) {
        ColumnRule rule = column.rule();
        Transformer transformer = registry.find(rule.transformer()).orElseThrow();
        Params params = new Params(transformer.descriptor(), rule.params());
        return new BindContext(table.table(), column.column(), transformer.descriptor(), params, key, locale,
                scope(table, reads));
    }

    /** @param reads told the index of every column a rule looks up */
    private BindScope scope(TablePlan table, IntConsumer reads) {
        List<ColumnPlan> copied = table.copiedColumns();
        List<String> names = copied.stream().map(c -> c.column().name()).toList();
        return new BindScope() {
            @Override
            public int rowIndex(String column) {
                int index = names.indexOf(column);
                reads.accept(index);
                return index;
            }

            @Override
            public Optional<BindContext> ruleOf(String column) {
                return copied.stream()
                        .filter(c -> c.column().name().equals(column) && c.masked()
                                && registry.find(c.rule().transformer()).isPresent())
                        .findFirst()
                        .map(c -> context(table, c, reads));
            }

            @Override
            public TransformerRegistry registry() {
                return registry;
            }
        };
    }

    private String uniqueSafeNames() {
        return registry.all().stream().map(Transformer::descriptor).filter(TransformerDescriptor::uniqueSafe)
                .map(TransformerDescriptor::name).collect(Collectors.joining(", "));
    }
}
