package dev.doppel.core.verify;

import dev.doppel.core.text.RowText;
import dev.doppel.core.transform.RowValues;
import dev.doppel.core.transform.ValueTransform;

/** The fields of one row in RowText form, decoded on demand; the row's masked values for row-aware rules. */
final class RowFields implements RowValues {
    private final int[] starts;
    private final int[] ends;
    private final ValueTransform[] transforms;
    /** Where each column's field sits in the rows read, or -1 when it is not read; null when all are read in order. */
    private final int[] positions;
    private byte[] buffer;
    private int depth;

    RowFields(int fields, ValueTransform[] transforms) {
        this(fields, transforms, null);
    }

    /**
     * Rows that hold only some of the columns {@code transforms} are indexed by.
     *
     * @param positions for each column index, its field in the rows read, or -1
     */
    RowFields(int fields, ValueTransform[] transforms, int[] positions) {
        this.starts = new int[fields];
        this.ends = new int[fields];
        this.transforms = transforms;
        this.positions = positions;
    }

    void split(byte[] row, int offset, int length) {
        this.buffer = row;
        int end = offset + length;
        if (end > offset && row[end - 1] == RowText.END) {
            end--;
        }
        int field = 0;
        starts[0] = offset;
        for (int i = RowText.nextDelimiter(row, offset, end); i < end; i = RowText.nextDelimiter(row, i + 1, end)) {
            if (field + 1 >= starts.length) {
                throw new IllegalStateException("a row has more fields than the " + starts.length + " columns read");
            }
            ends[field] = i;
            starts[++field] = i + 1;
        }
        ends[field] = end;
        if (field + 1 != starts.length) {
            throw new IllegalStateException("a row has " + (field + 1) + " fields where " + starts.length + " were read");
        }
    }

    @Override
    public String source(int index) {
        int field = positions == null ? index : positions[index];
        if (field < 0) {
            throw new IllegalStateException("column " + index + " was not read; a rule reads a column it did not declare");
        }
        return RowText.decode(buffer, starts[field], ends[field]);
    }

    /** The value the run writes for column {@code index}: its rule's output, or the source value. */
    public String masked(int index) {
        String value = source(index);
        ValueTransform transform = transforms == null ? null : transforms[index];
        if (transform == null || value == null && !transform.appliesToNull() || depth > 4) {
            return value;
        }
        depth++;
        try {
            return transform.apply(value, this);
        } finally {
            depth--;
        }
    }
}
