package dev.doppel.core.verify;

import java.util.List;

/**
 * The outcome of leak verification.
 *
 * @param problems tables or columns that could not be verified (missing on the target); they fail it too
 * @param tablesFromCopy tables whose source values were fingerprinted while the copy masked them,
 *     instead of being read from the source again ({@link SourceFilters})
 * @param tablesReadAgain tables whose source was read a second time, because their target held
 *     values that may equal source values and that no output the copy wrote explained
 */
public record VerifyReport(List<ColumnVerdict> columns, List<String> problems, long targetValues, double seconds,
                           int tablesFromCopy, int tablesReadAgain) {
    public VerifyReport {
        columns = List.copyOf(columns);
        problems = List.copyOf(problems);
    }

    public List<ColumnVerdict> leaks() {
        return columns.stream().filter(c -> c.leak() && !c.allowed()).toList();
    }

    public boolean passed() {
        return leaks().isEmpty() && problems.isEmpty();
    }

    /** Several lines: the verdict, then one line per leaking column with its counts. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        long masked = columns.stream().filter(c -> c.check() == ColumnVerdict.Check.MASKED).count();
        long kept = columns.size() - masked;
        out.append(passed() ? "Verification passed: " : "Verification FAILED: ").append(masked).append(" masked column")
                .append(masked == 1 ? "" : "s").append(" compared with the source, ").append(kept)
                .append(" kept text column").append(kept == 1 ? "" : "s").append(" scanned, ").append(targetValues)
                .append(" target values");
        if (!passed()) {
            out.append("; ").append(leaks().size()).append(" column").append(leaks().size() == 1 ? " leaks" : "s leak");
        }
        out.append('.');
        for (ColumnVerdict c : columns) {
            if (c.leak()) {
                out.append("\n  - ").append(c.qualified()).append(" (").append(c.rule()).append("): ").append(c.detail())
                        .append(c.allowed() ? " [allowed by masking.verify.allow]" : "");
            }
        }
        problems.forEach(p -> out.append("\n  - ").append(p));
        return out.toString();
    }
}
