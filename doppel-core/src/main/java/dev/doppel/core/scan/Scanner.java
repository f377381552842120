package dev.doppel.core.scan;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.config.MaskingPolicy;
import dev.doppel.core.config.TableMode;
import dev.doppel.core.config.TablePolicy;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code doppel scan}: samples every copied table of the source and classifies each of its
 * columns by name and values, with a proposed rule. Tables the config excludes or copies empty
 * are skipped: their rows never reach a target.
 */
public final class Scanner {
    /** One column's outcome. {@code rule} is the config's current rule, or null when it has none. */
    public record Finding(TableName table, Column column, ColumnRule rule, boolean newTable, Classification classification,
                          RuleProposal proposal) {
        public boolean unclassified() {
            return rule == null && !column.generated();
        }

        /** A column the config keeps although its name or values look personal. */
        public boolean keptButPersonal() {
            return rule != null && rule.transformer().equals("keep") && classification.personal();
        }
    }

    private final ColumnClassifier classifier;
    private final Proposer proposer;
    private final int sampleRows;

    public Scanner(ColumnClassifier classifier, Proposer proposer, int sampleRows) {
        this.classifier = classifier;
        this.proposer = proposer;
        this.sampleRows = sampleRows;
    }

    public List<Finding> scan(SourceDatabase source, SourceSchema schema, MaskingPolicy policy) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : schema.tables()) {
            TablePolicy tablePolicy = policy.table(table.name()).orElse(null);
            if (tablePolicy != null && tablePolicy.mode() != TableMode.COPY) {
                continue;
            }
            Map<String, ValueStats> stats = ColumnSampler.sample(source, table, table.columns(), sampleRows);
            for (Column column : table.columns()) {
                if (column.generated()) {
                    continue;
                }
                Classification classification = classifier.classify(table.name(), column, stats.get(column.name()));
                ColumnRule rule = tablePolicy == null ? null : tablePolicy.columns().get(column.name());
                findings.add(new Finding(table.name(), column, rule, tablePolicy == null, classification,
                        proposer.propose(table, column, classification)));
            }
        }
        return findings;
    }
}
