package dev.doppel.core.plan;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Problem;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.TableName;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The privacy gate: columns of copied tables that have neither a rule nor {@code keep}, including
 * every column of a table the config does not know. The message lists each one with the scanner's
 * proposal and the config lines that would classify them, and any other problem planning found,
 * so that one message says everything to fix.
 */
public final class UnclassifiedColumnsException extends DoppelException {
    private final Map<TableName, List<Column>> columns;
    private final Set<TableName> newTables;
    private final List<Problem> otherProblems;

    public UnclassifiedColumnsException(String file, Map<TableName, List<Column>> columns) {
        this(file, columns, Set.of(), Map.of(), List.of());
    }

    /**
     * @param newTables the tables of {@code columns} the config has no entry for
     * @param advice proposed rules by table and column name
     * @param otherProblems config and pre-flight problems found in the same planning
     */
    public UnclassifiedColumnsException(String file, Map<TableName, List<Column>> columns, Set<TableName> newTables,
                                        Map<TableName, Map<String, ColumnAdvisor.Advice>> advice,
                                        List<Problem> otherProblems) {
        super(ExitCode.PRIVACY_GATE, message(file, columns, newTables, advice, otherProblems));
        this.columns = Map.copyOf(columns);
        this.newTables = Set.copyOf(newTables);
        this.otherProblems = List.copyOf(otherProblems);
    }

    public Map<TableName, List<Column>> columns() {
        return columns;
    }

    public Set<TableName> newTables() {
        return newTables;
    }

    public List<Problem> otherProblems() {
        return otherProblems;
    }

    private static String message(String file, Map<TableName, List<Column>> columns, Set<TableName> newTables,
                                  Map<TableName, Map<String, ColumnAdvisor.Advice>> advice, List<Problem> others) {
        int count = columns.values().stream().mapToInt(List::size).sum();
        StringBuilder out = new StringBuilder()
                .append("The privacy gate stopped the run: ").append(count).append(" column")
                .append(count == 1 ? " has" : "s have").append(" no rule in ").append(file)
                .append(" (unclassified: fail). Nothing was written.\n");
        columns.forEach((table, cols) -> cols.forEach(c -> {
            ColumnAdvisor.Advice a = advice.getOrDefault(table, Map.of()).get(c.name());
            out.append("  - ").append(table).append('.').append(c.name()).append(" (").append(c.nativeType()).append(')')
                    .append(newTables.contains(table) ? ", in new table " + table : "")
                    .append(a == null ? "" : ": scan proposes " + a.rule() + " — " + a.reason()).append('\n');
        }));
        out.append("Classify each one under masking.tables — a transformer if it holds personal data, keep if not")
                .append(" ('doppel scan -c ").append(file).append(" --write' adds these lines for you):\n")
                .append("  masking:\n    tables:\n");
        columns.forEach((table, cols) -> {
            out.append("      ").append(table).append(':')
                    .append(newTables.contains(table) ? "   # new table; or { mode: exclude } to leave it out" : "")
                    .append("\n        columns:\n");
            cols.forEach(c -> {
                ColumnAdvisor.Advice a = advice.getOrDefault(table, Map.of()).get(c.name());
                out.append("          ").append(c.name()).append(": ")
                        .append(a == null ? "keep   # or a transformer, e.g. hash" : a.rule()).append('\n');
            });
        });
        out.append("A table you do not need can be left out with {mode: exclude} or copied empty with {mode: schema_only}.");
        if (!others.isEmpty()) {
            out.append("\nPlanning found ").append(others.size()).append(" more problem").append(others.size() == 1 ? "" : "s")
                    .append(" to fix:");
            others.forEach(p -> out.append("\n  - ").append(p));
        }
        return out.toString();
    }
}
