package dev.doppel.core.scan;

import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.plan.ColumnAdvisor;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scanner as the privacy gate's advisor: a small sample of just the unclassified columns. */
public final class ScanAdvisor implements ColumnAdvisor {
    private final SourceDatabase source;
    private final ColumnClassifier classifier;
    private final Proposer proposer;
    private final int sampleRows;

    /** @param source the source to sample, or null to judge by names alone */
    public ScanAdvisor(SourceDatabase source, Proposer proposer, int sampleRows) {
        this.source = source;
        this.classifier = new ColumnClassifier();
        this.proposer = proposer;
        this.sampleRows = sampleRows;
    }

    @Override
    public Map<String, Advice> advise(Table table, List<Column> columns) {
        Map<String, ValueStats> stats = ColumnSampler.sample(source, table, columns, sampleRows);
        Map<String, Advice> advice = new LinkedHashMap<>();
        for (Column column : columns) {
            Classification classification = classifier.classify(table.name(), column, stats.get(column.name()));
            advice.put(column.name(), new Advice(proposer.propose(table, column, classification).yaml(),
                    classification.summary()));
        }
        return advice;
    }
}
