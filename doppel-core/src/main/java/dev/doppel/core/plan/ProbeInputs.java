package dev.doppel.core.plan;

import java.util.List;

/**
 * Values pre-flight runs each rule on, to see what it writes: a sample of the source's rows, or
 * made-up values of each column's type when there is no source to sample.
 */
@FunctionalInterface
public interface ProbeInputs {
    /** Rows of the table's copied columns, in order; a field is null for NULL or a value too large to probe. */
    Probe rows(TablePlan table);

    /**
     * @param sampled true when the rows come from the source, so that a rule failing on one is a
     *     problem; made-up values may simply not be what a rule expects
     */
    record Probe(List<String[]> rows, boolean sampled) {
        public Probe {
            rows = List.copyOf(rows);
        }
    }

    /** Made-up values of each column's type, fitted to its length. */
    ProbeInputs SYNTHETIC = table -> new Probe(SyntheticValues.rows(table.copiedColumns().stream()
            .map(ColumnPlan::column).toList()), false);
}
