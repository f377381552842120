package dev.doppel.core.plan;

import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.schema.Column;
import dev.doppel.core.text.RowText;
import java.util.ArrayList;
import java.util.List;

/**
 * Probe values from a sample of the source's rows ({@link SourceDatabase#sample}), held only while
 * pre-flight looks at them. A field longer than {@value #MAX_FIELD_BYTES} bytes is left out of the
 * probe. A table the sample finds empty is probed with made-up values.
 */
public final class SampledProbes implements ProbeInputs {
    static final int MAX_FIELD_BYTES = 1 << 14;
    private final SourceDatabase source;
    private final int rows;

    public SampledProbes(SourceDatabase source, int rows) {
        this.source = source;
        this.rows = rows;
    }

    @Override
    public Probe rows(TablePlan table) {
        List<Column> columns = table.copiedColumns().stream().map(ColumnPlan::column).toList();
        List<String[]> sample = new ArrayList<>();
        source.sample(table.table(), columns, rows, (buffer, offset, length) -> {
            int end = offset + length;
            if (end > offset && buffer[end - 1] == RowText.END) {
                end--;
            }
            String[] row = new String[columns.size()];
            int field = 0;
            int start = offset;
            for (int i = offset; i <= end && field < row.length; i++) {
                if (i == end || buffer[i] == RowText.DELIMITER) {
                    row[field++] = i - start > MAX_FIELD_BYTES ? null : RowText.decode(buffer, start, i);
                    start = i + 1;
                }
            }
            sample.add(row);
        });
        return sample.isEmpty() ? SYNTHETIC.rows(table) : new Probe(sample, true);
    }
}
