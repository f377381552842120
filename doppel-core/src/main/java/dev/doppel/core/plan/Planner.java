package dev.doppel.core.plan;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.config.MaskingPolicy;
import dev.doppel.core.config.TableMode;
import dev.doppel.core.config.TablePolicy;
import dev.doppel.core.config.Unclassified;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Problems;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Policy × introspected schema → {@link Plan}. Checks everything at once and reports it together:
 * tables and columns the config names but the source lacks; rules carried along foreign keys and
 * the conflicts between them ({@link KeyPropagation}); the pre-flight of every rule against its
 * column ({@link Preflight}); and — the privacy gate — columns of copied tables, including tables
 * the config does not know yet, that nobody classified.
 */
public final class Planner {
    private final TransformerRegistry registry;
    private final ColumnAdvisor advisor;
    private final ProbeInputs probes;

    public Planner(TransformerRegistry registry) {
        this(registry, ColumnAdvisor.NONE, ProbeInputs.SYNTHETIC);
    }

    /**
     * @param advisor proposes rules for unclassified columns in the gate's message
     * @param probes the values pre-flight runs rules on
     */
    public Planner(TransformerRegistry registry, ColumnAdvisor advisor, ProbeInputs probes) {
        this.registry = registry;
        this.advisor = advisor;
        this.probes = probes;
    }

    /**
     * @throws UnclassifiedColumnsException exit 4 when {@code unclassified: fail} finds columns
     *     without a rule; its message lists the other problems too
     * @throws dev.doppel.core.error.ProblemsException exit 2 for config and pre-flight problems
     */
    public Plan plan(DoppelConfig config, SourceSchema schema) {
        MaskingPolicy policy = config.masking();
        String file = config.file() == null ? "config" : config.file().toString();
        Problems problems = new Problems();
        Map<TableName, Table> tables = schema.tablesByName();
        policy.tables().values().forEach(t -> {
            if (!tables.containsKey(t.table())) {
                problems.add(t.location(), "table " + t.table() + " is not in the source" + suggestion(t.table(), tables.keySet())
                        + "; fix the name or remove the entry");
            }
        });

        List<TablePlan> plans = new ArrayList<>();
        Set<TableName> newTables = new LinkedHashSet<>();
        for (Table table : schema.tables()) {
            TablePolicy tablePolicy = policy.table(table.name()).orElse(null);
            if (tablePolicy == null) {
                newTables.add(table.name());
            }
            plans.add(tablePlan(table, tablePolicy, problems));
        }
        List<String> notes = new ArrayList<>();
        plans = new KeyPropagation(registry, schema.foreignKeys()).apply(plans, notes, problems);
        RuleBinder binder = new RuleBinder(registry, new MaskingKey(policy.key().value()), policy.locale());
        new Preflight(registry, binder, schema, probes).check(plans, problems, notes);

        Map<TableName, List<Column>> unclassified = new LinkedHashMap<>();
        for (TablePlan plan : plans) {
            if (plan.mode() == TableMode.COPY) {
                plan.columns().stream().filter(c -> c.source() == ColumnPlan.Source.UNCLASSIFIED)
                        .forEach(c -> unclassified.computeIfAbsent(plan.table().name(), k -> new ArrayList<>()).add(c.column()));
            }
        }
        if (!unclassified.isEmpty() && policy.unclassified() == Unclassified.FAIL) {
            Map<TableName, Map<String, ColumnAdvisor.Advice>> advice = new LinkedHashMap<>();
            unclassified.forEach((name, columns) -> advice.put(name, advisor.advise(tables.get(name), columns)));
            newTables.retainAll(unclassified.keySet());
            throw new UnclassifiedColumnsException(file, unclassified, newTables, advice, problems.list());
        }
        problems.throwIfAny(ExitCode.BAD_INPUT, file + " does not match the source or fails pre-flight; nothing was written");
        List<String> warnings = new ArrayList<>();
        unclassified.forEach((t, cols) -> cols.forEach(c -> warnings.add("unclassified column " + t + "."
                + c.name() + " (" + c.nativeType() + ") is copied unchanged because unclassified: warn")));
        return withDdl(plans, schema, warnings, notes);
    }

    private static TablePlan tablePlan(Table table, TablePolicy tablePolicy, Problems problems) {
        TableMode mode = tablePolicy == null ? TableMode.COPY : tablePolicy.mode();
        String where = tablePolicy == null ? null : tablePolicy.where();
        Map<String, ColumnRule> rules = tablePolicy == null ? Map.of() : tablePolicy.columns();
        rules.values().forEach(rule -> {
            if (table.column(rule.column()).isEmpty()) {
                problems.add(rule.location(), "column " + rule.column() + " is not in " + table.name()
                        + "; its columns are " + table.columns().stream().map(Column::name).collect(Collectors.joining(", ")));
            }
        });
        List<ColumnPlan> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            ColumnRule rule = rules.get(column.name());
            if (column.generated()) {
                if (rule != null && !rule.transformer().equals("keep")) {
                    problems.add(rule.location(), table.name() + "." + column.name()
                            + " is a generated column the target computes itself; remove its rule");
                }
                columns.add(new ColumnPlan(column, null, ColumnPlan.Source.GENERATED));
            } else if (rule != null) {
                columns.add(new ColumnPlan(column, rule, ColumnPlan.Source.CONFIG));
            } else {
                columns.add(new ColumnPlan(column, null, ColumnPlan.Source.UNCLASSIFIED));
            }
        }
        return new TablePlan(table, mode, where, columns);
    }

    private static Plan withDdl(List<TablePlan> plans, SourceSchema schema, List<String> warnings, List<String> notes) {
        Set<TableName> excluded = plans.stream().filter(p -> p.mode() == TableMode.EXCLUDE)
                .map(p -> p.table().name()).collect(Collectors.toSet());
        List<DdlStatement> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (DdlStatement statement : schema.ddl()) {
            Set<TableName> needs = statement.dependsOn();
            if (needs.stream().anyMatch(excluded::contains)) {
                if (!(needs.size() == 1 && statement.object().startsWith("table "))) {
                    skipped.add(statement.object() + " (needs excluded " + needs.stream().filter(excluded::contains)
                            .map(TableName::toString).sorted().collect(Collectors.joining(", ")) + ")");
                }
            } else {
                kept.add(statement);
            }
        }
        skipped.forEach(s -> warnings.add("left out " + s));
        return new Plan(plans, kept, skipped, warnings, notes);
    }

    private static String suggestion(TableName missing, Set<TableName> existing) {
        return existing.stream()
                .filter(t -> distance(t.toString().toLowerCase(), missing.toString().toLowerCase()) <= 2)
                .sorted().findFirst().map(t -> " (did you mean " + t + "?)").orElse("");
    }

    /** Levenshtein distance, for "did you mean" hints. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
