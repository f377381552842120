package dev.doppel.core.scan;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.config.TableMode;
import dev.doppel.core.config.YamlNode;
import dev.doppel.core.error.Location;
import dev.doppel.core.error.Problems;
import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.TransformerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a classification into a rule: the first transformer of the category's list that is
 * installed, writes the column's type, is unique-safe on a UNIQUE column, never writes NULL to a
 * NOT NULL column, and binds to the column. When none does, the category's first choice is
 * proposed anyway, for the user to adjust.
 */
public final class Proposer {
    private final TransformerRegistry registry;
    private final RuleBinder binder;

    public Proposer(TransformerRegistry registry, MaskingKey key, String locale) {
        this.registry = registry;
        this.binder = new RuleBinder(registry, key, locale);
    }

    public RuleProposal propose(Table table, Column column, Classification classification) {
        if (!classification.personal()) {
            return RuleProposal.KEEP;
        }
        List<RuleProposal> candidates = new ArrayList<>();
        PiiCategory category = classification.category();
        if (category == PiiCategory.JSON && !classification.jsonPaths().isEmpty()) {
            Map<String, Object> paths = new LinkedHashMap<>();
            classification.jsonPaths().forEach((path, inside) -> paths.put(path, insideJson(inside)));
            candidates.add(new RuleProposal("json", Map.of("paths", paths)));
        }
        if (category == PiiCategory.PERSON_NAME && classification.namePart() != null && !classification.namePart().equals("full")) {
            candidates.add(RuleProposal.of("person_name", "part", classification.namePart()));
        }
        candidates.addAll(category.transformers());
        return candidates.stream().filter(c -> fits(table, column, c)).findFirst().orElse(candidates.get(0));
    }

    /** The transformer for a value inside a JSON document: text-writing, or {@code delete}. */
    private String insideJson(PiiCategory category) {
        return category.transformers().stream().map(RuleProposal::transformer)
                .filter(name -> !name.equals("null") && !name.equals("constant"))
                .filter(name -> registry.find(name).isPresent()).findFirst().orElse("delete");
    }

    boolean fits(Table table, Column column, RuleProposal proposal) {
        Optional<Transformer> transformer = registry.find(proposal.transformer());
        if (transformer.isEmpty()) {
            return false;
        }
        TransformerDescriptor descriptor = transformer.get().descriptor();
        if (!descriptor.accepts(column.kind()) || column.unique() && !descriptor.uniqueSafe()
                || proposal.transformer().equals("null") && !column.nullable()) {
            return false;
        }
        Map<String, YamlNode> params = new LinkedHashMap<>();
        proposal.params().forEach((name, value) -> params.put(name, node(value)));
        Problems problems = new Problems();
        TransformerRegistry.validateParams(descriptor, params, Location.NONE, problems);
        if (!problems.isEmpty()) {
            return false;
        }
        ColumnRule rule = new ColumnRule(column.name(), proposal.transformer(), params, Location.NONE);
        List<ColumnPlan> columns = table.columns().stream().map(c -> c.name().equals(column.name())
                ? new ColumnPlan(c, rule, ColumnPlan.Source.CONFIG)
                : new ColumnPlan(c, null, c.generated() ? ColumnPlan.Source.GENERATED : ColumnPlan.Source.UNCLASSIFIED)).toList();
        TablePlan plan = new TablePlan(table, TableMode.COPY, null, columns);
        try {
            binder.bind(plan, columns.stream().filter(c -> c.rule() == rule).findFirst().orElseThrow());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static YamlNode node(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), node(v)));
            return new YamlNode.Mapping(entries, Map.of(), Location.NONE);
        }
        return new YamlNode.Scalar(String.valueOf(value), Location.NONE);
    }
}
