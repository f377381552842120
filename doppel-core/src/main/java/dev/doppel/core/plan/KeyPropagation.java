package dev.doppel.core.plan;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.config.TableMode;
import dev.doppel.core.config.YamlText;
import dev.doppel.core.error.Location;
import dev.doppel.core.error.Problems;
import dev.doppel.core.schema.ForeignKey;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.TransformerRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps foreign keys valid when keys are masked. A column that references a masked key must be
 * masked by the same deterministic rule, so that equal keys stay equal: when the config gives it
 * no rule, it gets the key's rule (and the plan says so); when the config gives it another rule,
 * or masks a column whose referenced key it keeps, that is a conflict reported with its place.
 * Propagation follows chains of keys until nothing changes.
 */
final class KeyPropagation {
    private final TransformerRegistry registry;
    private final List<ForeignKey> keys;

    KeyPropagation(TransformerRegistry registry, List<ForeignKey> keys) {
        this.registry = registry;
        this.keys = keys;
    }

    List<TablePlan> apply(List<TablePlan> plans, List<String> notes, Problems problems) {
        Map<TableName, TablePlan> byName = new LinkedHashMap<>();
        plans.forEach(p -> byName.put(p.table().name(), p));
        Set<String> reported = new HashSet<>();
        boolean changed = true;
        for (int round = 0; changed && round <= keys.size(); round++) {
            changed = false;
            for (ForeignKey key : keys) {
                for (int i = 0; i < key.columns().size(); i++) {
                    changed |= pair(key, i, byName, notes, problems, reported);
                }
            }
        }
        return plans.stream().map(p -> byName.get(p.table().name())).toList();
    }

    private boolean pair(ForeignKey key, int index, Map<TableName, TablePlan> byName, List<String> notes, Problems problems,
                         Set<String> reported) {
        TablePlan child = byName.get(key.table());
        TablePlan parent = byName.get(key.referenced());
        if (child == null || parent == null || child.mode() != TableMode.COPY || parent.mode() != TableMode.COPY) {
            return false;
        }
        ColumnPlan from = column(parent, key.referencedColumns().get(index));
        ColumnPlan to = column(child, key.columns().get(index));
        if (from == null || to == null || from.source() == ColumnPlan.Source.GENERATED
                || to.source() == ColumnPlan.Source.GENERATED) {
            return false;
        }
        String parentName = key.referenced() + "." + from.column().name();
        String childName = key.table() + "." + to.column().name();
        if (!from.masked()) {
            if (to.masked() && reported.add(childName + "<" + key.name())) {
                problems.add(location(to), childName + " is masked with '" + to.transformer() + "' but the key it references, "
                        + parentName + ", is " + (from.rule() == null ? "not classified" : "kept") + " (foreign key "
                        + key.name() + "), so the foreign key would break; mask " + parentName
                        + " with this rule and remove this one (doppel carries a key's rule over to the columns that reference it)");
            }
            return false;
        }
        if (!registry.find(from.transformer()).map(t -> t.descriptor().deterministic()).orElse(true)
                && reported.add(parentName + "!deterministic")) {
            problems.add(from.rule().location(), parentName + " is a key referenced by foreign key " + key.name()
                    + ", but '" + from.transformer() + "' is not deterministic, so the masked keys and the columns "
                    + "that reference them would not match; pick a deterministic transformer (e.g. hash)");
        }
        if (to.source() == ColumnPlan.Source.UNCLASSIFIED) {
            String origin = parentName + " through foreign key " + key.name();
            replace(byName, child, to, new ColumnPlan(to.column(), from.rule(), ColumnPlan.Source.PROPAGATED, origin));
            notes.add(childName + " gets the rule of " + origin + ": " + YamlText.canonical(from.rule()));
            return true;
        }
        if (!same(from.rule(), to.rule()) && reported.add(childName + "<" + key.name())) {
            problems.add(location(to), childName + " is " + (to.masked() ? "masked with '" + to.transformer() + "'"
                    : "kept") + " but references " + parentName + ", which is masked with " + YamlText.canonical(from.rule())
                    + " (foreign key " + key.name() + "), so the foreign key would break; remove the rule of " + childName
                    + " so that doppel gives it the key's rule, or write the same rule");
        }
        return false;
    }

    private static boolean same(ColumnRule a, ColumnRule b) {
        return a != null && b != null && YamlText.canonical(a).equals(YamlText.canonical(b));
    }

    private static Location location(ColumnPlan column) {
        return column.rule() == null ? Location.NONE : column.rule().location();
    }

    private static ColumnPlan column(TablePlan table, String name) {
        return table.columns().stream().filter(c -> c.column().name().equals(name)).findFirst().orElse(null);
    }

    private static void replace(Map<TableName, TablePlan> byName, TablePlan table, ColumnPlan old, ColumnPlan replacement) {
        List<ColumnPlan> columns = new ArrayList<>(table.columns());
        columns.set(columns.indexOf(old), replacement);
        byName.put(table.table().name(), new TablePlan(table.table(), table.mode(), table.where(), columns));
    }
}
