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
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Policy × introspected schema → {@link Plan}. Checks everything at once: tables and columns the
 * config names but the source lacks, rules that cannot work on their column, and — the privacy
 * gate — columns of copied tables that nobody classified.
 */
public final class Planner {
    private final TransformerRegistry registry;

    public Planner(TransformerRegistry registry) {
        this.registry = registry;
    }

    /**
     * @throws dev.doppel.core.error.ProblemsException exit 2 for config problems, exit 4 when
     *     {@code unclassified: fail} finds columns without a rule
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

        RuleBinder binder = new RuleBinder(registry, new MaskingKey(policy.key().value()), policy.locale());
        List<TablePlan> plans = new ArrayList<>();
        Map<TableName, List<Column>> unclassified = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Table table : schema.tables()) {
            TablePolicy tablePolicy = policy.table(table.name()).orElse(null);
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
                    if (mode == TableMode.COPY) {
                        unclassified.computeIfAbsent(table.name(), k -> new ArrayList<>()).add(column);
                    }
                }
            }
            TablePlan plan = new TablePlan(table, mode, where, columns);
            if (mode == TableMode.COPY) {
                bindAll(binder, plan, problems);
            }
            plans.add(plan);
        }
        problems.throwIfAny(ExitCode.BAD_INPUT, file + " does not match the source; nothing was written");

        if (!unclassified.isEmpty()) {
            if (policy.unclassified() == Unclassified.FAIL) {
                throw new UnclassifiedColumnsException(file, unclassified);
            }
            unclassified.forEach((t, cols) -> cols.forEach(c -> warnings.add("unclassified column " + t + "."
                    + c.name() + " (" + c.nativeType() + ") is copied unchanged because unclassified: warn")));
        }
        return withDdl(plans, schema, warnings);
    }

    private static void bindAll(RuleBinder binder, TablePlan plan, Problems problems) {
        for (ColumnPlan column : plan.copiedColumns()) {
            if (!column.masked()) {
                continue;
            }
            ColumnRule rule = column.rule();
            String where = plan.table().name() + "." + column.column().name() + " (" + column.column().nativeType() + ")";
            var descriptor = binder.descriptorOf(rule.transformer());
            if (!descriptor.accepts(column.column().kind())) {
                problems.add(rule.location(), "transformer '" + rule.transformer() + "' writes "
                        + descriptor.columnKinds().stream().map(k -> k.name().toLowerCase()).sorted().collect(Collectors.joining("/"))
                        + " values and cannot rule " + where + "; pick a transformer for that type");
                continue;
            }
            try {
                binder.bind(plan, column);
            } catch (BindException e) {
                problems.add(rule.location(), where + ": " + e.getMessage());
            } catch (RuntimeException e) {
                problems.add(rule.location(), where + ": the parameters of '" + rule.transformer()
                        + "' are not valid (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    private static Plan withDdl(List<TablePlan> plans, SourceSchema schema, List<String> warnings) {
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
        return new Plan(plans, kept, skipped, warnings);
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
