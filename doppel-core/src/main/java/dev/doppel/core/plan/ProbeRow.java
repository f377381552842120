package dev.doppel.core.plan;

import dev.doppel.core.transform.RowValues;
import dev.doppel.core.transform.ValueTransform;

/** One probe row as a transformer sees it: source values, and masked values of the row's other columns. */
final class ProbeRow implements RowValues {
    private final String[] row;
    private final ValueTransform[] transforms;
    private int depth;

    /** @param transforms the row's bound rules, null where a column is copied as it is; may be null */
    ProbeRow(String[] row, ValueTransform[] transforms) {
        this.row = row;
        this.transforms = transforms;
    }

    @Override
    public String source(int index) {
        return index >= 0 && index < row.length ? row[index] : null;
    }

    /** The value column {@code index} is written with: its rule's output, or its source value. */
    public String masked(int index) {
        String value = source(index);
        if (transforms == null || index < 0 || index >= transforms.length || transforms[index] == null
                || value == null && !transforms[index].appliesToNull() || depth > 4) {
            return value;
        }
        depth++;
        try {
            return transforms[index].apply(value, this);
        } finally {
            depth--;
        }
    }
}
