package dev.doppel.core.transform;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.config.TableMode;
import dev.doppel.core.config.YamlNode;
import dev.doppel.core.error.Location;
import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.text.ByteSink;
import dev.doppel.core.text.RowMasker;
import dev.doppel.core.text.RowText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: bind transformers the way a run does, with parameters written as plain Java values. */
public final class Rules {
    public static final String KEY = "test-key-0123456789";
    public static final RowValues NO_ROW = index -> null;
    private static final TransformerRegistry REGISTRY = TransformerRegistry.load();

    private Rules() {}

    public static TransformerRegistry registry() {
        return REGISTRY;
    }

    public static Column text(String name) {
        return column(name, ColumnKind.TEXT, -1);
    }

    public static Column column(String name, ColumnKind kind, int maxLength) {
        return new Column(name, kind == ColumnKind.TEXT ? "text" : kind.name().toLowerCase(), kind, true, maxLength,
                false, false);
    }

    /** Binds {@code transformer} to a one-column table. */
    public static ValueTransform bind(String transformer, Map<String, ?> params, Column column) {
        return bind(transformer, params, column, KEY, "en");
    }

    public static ValueTransform bind(String transformer, Map<String, ?> params, Column column, String key,
                                      String locale) {
        Transformer t = REGISTRY.find(transformer).orElseThrow();
        Table table = new Table(new TableName("public", "t"), List.of(column), -1, -1);
        Map<String, YamlNode> yaml = yaml(params);
        var problems = new dev.doppel.core.error.Problems();
        TransformerRegistry.validateParams(t.descriptor(), yaml, Location.NONE, problems);
        if (!problems.isEmpty()) {
            throw new BindException(problems.list().toString());
        }
        return t.bind(new BindContext(table, column, t.descriptor(), new Params(t.descriptor(), yaml),
                new MaskingKey(key), locale));
    }

    public static ValueTransform bind(String transformer, Map<String, ?> params) {
        return bind(transformer, params, text("c"));
    }

    public static ValueTransform bind(String transformer) {
        return bind(transformer, Map.of());
    }

    /** Applies the way the pipeline does: NULL and empty stay as they are. */
    public static String mask(ValueTransform transform, String value) {
        return ValueTransform.mask(transform, value, NO_ROW);
    }

    public static Map<String, YamlNode> yaml(Map<String, ?> params) {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, node(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    public static YamlNode node(Object value) {
        if (value instanceof List<?> list) {
            List<YamlNode> items = new ArrayList<>();
            list.forEach(i -> items.add(node(i)));
            return new YamlNode.Sequence(items, Location.NONE);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Location> locations = new LinkedHashMap<>();
            ((Map<String, ?>) map).forEach((k, v) -> {
                entries.put(k, node(v));
                locations.put(k, Location.NONE);
            });
            return new YamlNode.Mapping(entries, locations, Location.NONE);
        }
        return new YamlNode.Scalar(String.valueOf(value), Location.NONE);
    }

    /** A table whose columns carry rules, masked row by row through the real {@link RowMasker}. */
    public static final class Rows {
        private final List<Column> columns = new ArrayList<>();
        private final List<ColumnRule> rules = new ArrayList<>();
        private RowMasker masker;
        private RuleBinder binder;
        private TablePlan plan;
        private String key = KEY;
        private String locale = "en";

        public Rows column(Column column, String transformer, Map<String, ?> params) {
            columns.add(column);
            rules.add(transformer == null ? null
                    : new ColumnRule(column.name(), transformer, yaml(params), Location.NONE));
            return this;
        }

        public Rows locale(String value) {
            this.locale = value;
            return this;
        }

        public Rows key(String value) {
            this.key = value;
            return this;
        }

        public Rows bind() {
            Table table = new Table(new TableName("public", "t"), columns, -1, -1);
            List<ColumnPlan> plans = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                plans.add(new ColumnPlan(columns.get(i), rules.get(i),
                        rules.get(i) == null ? ColumnPlan.Source.UNCLASSIFIED : ColumnPlan.Source.CONFIG));
            }
            plan = new TablePlan(table, TableMode.COPY, null, plans);
            binder = new RuleBinder(REGISTRY, new MaskingKey(key), locale);
            masker = new RowMasker(binder.bind(plan));
            return this;
        }

        /** The columns the copy would not read ({@link RuleBinder#readAsNull}). */
        public java.util.Set<String> readAsNull() {
            return binder.readAsNull(plan);
        }

        /** Masks one row; null stands for NULL. */
        public List<String> mask(String... values) {
            ByteSink in = new ByteSink(256);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    in.write(RowText.DELIMITER);
                }
                RowText.encode(values[i], in);
            }
            in.write(RowText.END);
            ByteSink out = new ByteSink(256);
            masker.mask(in.array(), 0, in.size(), out);
            String line = new String(out.array(), 0, out.size() - 1, StandardCharsets.UTF_8);
            List<String> fields = new ArrayList<>();
            int start = 0;
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == RowText.DELIMITER) {
                    fields.add(RowText.decode(bytes, start, i));
                    start = i + 1;
                }
            }
            return fields;
        }
    }
}
