package dev.doppel.core.plan;

import dev.doppel.core.config.TableMode;
import dev.doppel.core.error.Problems;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ForeignKey;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.ValueConstraint;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.core.transform.ValueTransform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks every rule against its column before any data moves. First what the transformer declares
 * (the column types it writes, whether it is unique-safe) and whether it binds to the column; then
 * what it actually writes for probe values — a sample of the source's rows, or made-up values of
 * the column's type — against NOT NULL, the column's length and type, UNIQUE, CHECK constraints
 * and enumerations it can decide, and foreign keys (both sides must mask a key alike). Problems
 * are added, never thrown, so that the plan reports them all at once. Probe values and outputs
 * are never shown: messages carry counts.
 */
final class Preflight {
    private final TransformerRegistry registry;
    private final RuleBinder binder;
    private final SourceSchema schema;
    private final ProbeInputs probes;

    Preflight(TransformerRegistry registry, RuleBinder binder, SourceSchema schema, ProbeInputs probes) {
        this.registry = registry;
        this.binder = binder;
        this.schema = schema;
        this.probes = probes;
    }

    void check(List<TablePlan> plans, Problems problems, List<String> notes) {
        Map<String, Bound> bound = new LinkedHashMap<>();
        for (TablePlan table : plans) {
            if (table.mode() != TableMode.COPY || table.maskedColumns() == 0) {
                continue;
            }
            List<ColumnPlan> columns = table.copiedColumns();
            ValueTransform[] transforms = new ValueTransform[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).masked()) {
                    transforms[i] = bind(table, columns.get(i), problems);
                }
            }
            if (java.util.Arrays.stream(transforms).noneMatch(java.util.Objects::nonNull)) {
                continue;
            }
            ProbeInputs.Probe probe = probes.rows(table);
            for (int i = 0; i < columns.size(); i++) {
                if (transforms[i] != null) {
                    probe(table, i, transforms, probe, problems, notes);
                    bound.put(key(table.table().name().toString(), columns.get(i).column().name()),
                            new Bound(table, columns.get(i), transforms[i], probe, i));
                }
            }
        }
        foreignKeys(bound, problems);
    }

    private ValueTransform bind(TablePlan table, ColumnPlan column, Problems problems) {
        String where = where(table, column);
        TransformerDescriptor descriptor = binder.descriptorOf(column.transformer());
        Column target = column.column();
        if (!descriptor.accepts(target.kind())) {
            problems.add(column.rule().location(), "transformer '" + column.transformer() + "' writes "
                    + descriptor.columnKinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).sorted()
                    .collect(Collectors.joining("/")) + " values and cannot rule " + where + "; pick a transformer for that type");
            return null;
        }
        if (target.unique() && !descriptor.uniqueSafe()) {
            problems.add(column.rule().location(), where + ": the column is UNIQUE, and '" + column.transformer()
                    + "' may write equal values for distinct inputs; use a unique-safe transformer ("
                    + uniqueSafeNames() + ")");
            return null;
        }
        try {
            return binder.bind(table, column);
        } catch (BindException e) {
            problems.add(column.rule().location(), where + ": " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add(column.rule().location(), where + ": the parameters of '" + column.transformer()
                    + "' are not valid (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    private void probe(TablePlan table, int index, ValueTransform[] transforms, ProbeInputs.Probe probe, Problems problems,
                       List<String> notes) {
        ColumnPlan column = table.copiedColumns().get(index);
        Column target = column.column();
        String where = where(table, column);
        String values = probe.sampled() ? "sampled values" : "test values";
        List<ValueConstraint> constraints = schema.constraintsOf(table.table().name(), target.name());
        List<Optional<CheckPredicate>> checks = new ArrayList<>();
        for (ValueConstraint constraint : constraints) {
            Optional<CheckPredicate> check = constraint.expression() == null ? Optional.empty()
                    : CheckPredicate.parse(constraint.expression(), target.name());
            if (constraint.expression() != null && check.isEmpty()) {
                notes.add("pre-flight cannot decide " + constraint.name() + " on " + table.table().name() + "."
                        + target.name() + " (" + constraint.expression() + "); the target checks it when the rows load");
            }
            checks.add(check);
        }
        int probed = 0;
        int failed = 0;
        String failure = null;
        int nulls = 0;
        int tooLong = 0;
        int longest = 0;
        int invalid = 0;
        int[] violations = new int[constraints.size()];
        Map<String, String> inputsByOutput = new LinkedHashMap<>();
        int collisions = 0;
        for (String[] row : rows(probe, index, constraints)) {
            String input = row[index];
            if (input == null || input.isEmpty()) {
                continue;
            }
            probed++;
            String output;
            try {
                output = transforms[index].apply(input, new ProbeRow(row, transforms));
            } catch (RuntimeException e) {
                failed++;
                failure = e.getClass().getSimpleName();
                continue;
            }
            if (output == null) {
                nulls++;
                continue;
            }
            int length = output.codePointCount(0, output.length());
            if (target.maxLength() >= 0 && length > target.maxLength()) {
                tooLong++;
                longest = Math.max(longest, length);
            }
            if (!KindCheck.valid(target, output)) {
                invalid++;
            }
            for (int c = 0; c < constraints.size(); c++) {
                ValueConstraint constraint = constraints.get(c);
                boolean ok = constraint.expression() == null ? constraint.allowed().contains(output)
                        : checks.get(c).map(p -> p.accepts(output)).orElse(true);
                if (!ok) {
                    violations[c]++;
                }
            }
            if (target.unique()) {
                String previous = inputsByOutput.putIfAbsent(output, input);
                if (previous != null && !previous.equals(input)) {
                    collisions++;
                }
            }
        }
        String rule = "'" + column.transformer() + "'";
        var at = column.rule().location();
        if (failed > 0 && probe.sampled()) {
            problems.add(at, where + ": " + rule + " failed on " + failed + " of " + probed + " " + values + " (" + failure
                    + "); check that the transformer fits what the column holds");
        }
        if (nulls > 0 && !target.nullable()) {
            problems.add(at, where + ": the column is NOT NULL, but " + rule + " wrote NULL for " + nulls + " of " + probed
                    + " " + values + "; pick a transformer that always writes a value");
        }
        if (tooLong > 0) {
            problems.add(at, where + ": " + rule + " wrote values of up to " + longest + " characters for " + tooLong + " of "
                    + probed + " " + values + ", but the column holds at most " + target.maxLength()
                    + "; shorten the output (e.g. a length parameter) or widen the column");
        }
        if (invalid > 0) {
            problems.add(at, where + ": " + rule + " wrote " + invalid + " of " + probed + " " + values + " that are not valid "
                    + KindCheck.describe(target) + " values; pick a transformer for the column's type");
        }
        if (collisions > 0) {
            problems.add(at, where + ": the column is UNIQUE, but " + rule + " gave equal outputs for distinct inputs ("
                    + collisions + " in " + probed + " " + values + "); use a unique-safe transformer or a longer output");
        }
        for (int c = 0; c < constraints.size(); c++) {
            if (violations[c] > 0) {
                ValueConstraint constraint = constraints.get(c);
                String what = constraint.expression() == null ? "are not labels of " + constraint.name()
                        : "break " + constraint.name() + " " + constraint.expression();
                problems.add(at, where + ": " + rule + " wrote " + violations[c] + " of " + probed + " " + values + " that "
                        + what + "; pick a rule whose output the constraint allows");
            }
        }
    }

    /**
     * The probe's rows, or when none has a value in this column (made-up values cannot be made for
     * every type), rows holding the column's enumeration labels or two plain values, so that what
     * a rule writes regardless of its input is still checked.
     */
    private static List<String[]> rows(ProbeInputs.Probe probe, int index, List<ValueConstraint> constraints) {
        if (probe.sampled() || probe.rows().stream().anyMatch(r -> r[index] != null && !r[index].isEmpty())) {
            return probe.rows();
        }
        List<String> inputs = constraints.stream().filter(c -> c.expression() == null).findFirst()
                .map(ValueConstraint::allowed).filter(l -> !l.isEmpty()).orElse(List.of("1", "a"));
        int width = probe.rows().isEmpty() ? index + 1 : probe.rows().get(0).length;
        List<String[]> rows = new ArrayList<>();
        for (String input : inputs) {
            String[] row = new String[width];
            row[index] = input;
            rows.add(row);
        }
        return rows;
    }

    private void foreignKeys(Map<String, Bound> bound, Problems problems) {
        for (ForeignKey key : schema.foreignKeys()) {
            for (int i = 0; i < key.columns().size(); i++) {
                Bound child = bound.get(key(key.table().toString(), key.columns().get(i)));
                Bound parent = bound.get(key(key.referenced().toString(), key.referencedColumns().get(i)));
                if (child == null || parent == null) {
                    continue;
                }
                int compared = 0;
                int differ = 0;
                for (String[] row : parent.probe().rows()) {
                    String input = row[parent.index()];
                    if (input == null || input.isEmpty()) {
                        continue;
                    }
                    try {
                        compared++;
                        String a = parent.transform().apply(input, new ProbeRow(row, null));
                        String b = child.transform().apply(input, index -> null);
                        if (a == null ? b != null : !a.equals(b)) {
                            differ++;
                        }
                    } catch (RuntimeException e) {
                        differ++;
                    }
                }
                if (differ > 0) {
                    problems.add(child.column().rule().location(), "foreign key " + key.name() + ": "
                            + where(child.table(), child.column()) + " and " + where(parent.table(), parent.column())
                            + " mask the same key differently (" + differ + " of " + compared + " test values), so the"
                            + " foreign key would break; give both columns the same type and length, or rules that agree");
                }
            }
        }
    }

    private String uniqueSafeNames() {
        return registry.all().stream().map(Transformer::descriptor).filter(TransformerDescriptor::uniqueSafe)
                .map(TransformerDescriptor::name).collect(Collectors.joining(", "));
    }

    private static String where(TablePlan table, ColumnPlan column) {
        return table.table().name() + "." + column.column().name() + " (" + column.column().nativeType() + ")";
    }

    private static String key(String table, String column) {
        return table + "\u0000" + column;
    }

    private record Bound(TablePlan table, ColumnPlan column, ValueTransform transform, ProbeInputs.Probe probe, int index) {}
}
