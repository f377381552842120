package dev.doppel.core.text;

import dev.doppel.core.transform.RowValues;
import dev.doppel.core.transform.ValueTransform;

/**
 * Masks rows in {@link RowText} form or another {@link RowFormat}. Fields without a rule are
 * copied byte for byte without being decoded; only ruled fields are decoded, transformed and
 * encoded again. The field offsets of the current row are kept so that row-aware transformers can
 * read other source values, and every masked value is remembered for the row (an array store,
 * nothing allocated) so that {@link #masked} computes each field at most once, whichever asks
 * first: the row loop or a transformer composing from other columns ({@code template}). After
 * {@link #mask} returns, the row stays readable through {@link RowValues} until the next row is
 * masked, for whoever observes the copy ({@link dev.doppel.core.pipeline.CopyObserver}); a decoded
 * source value is kept for it. One instance per worker; not thread-safe.
 */
public final class RowMasker implements RowValues {
    private final ValueTransform[] transforms;
    private final RowFormat format;
    private final boolean passThrough;
    private final boolean observed;
    private final int[] starts;
    private final int[] ends;
    private final String[] memo;
    /** The row number whose value {@link #memo} holds per field; its negation while it is computed. */
    private final long[] memoRow;
    private final String[] decoded;
    /** The row number whose source value {@link #decoded} holds per field. */
    private final long[] decodedRow;
    private long rowNumber;
    private byte[] row;

    /** Masks rows in {@link RowText} form. */
    public RowMasker(ValueTransform[] transforms) {
        this(transforms, RowText.FORMAT);
    }

    /**
     * @param transforms one entry per field; null or identity means copied as it is
     * @param format the form rows come in and leave in
     */
    public RowMasker(ValueTransform[] transforms, RowFormat format) {
        this(transforms, format, false);
    }

    /**
     * @param observed true when someone reads the rows' values through {@link RowValues} after
     *     each {@link #mask}, so that the rows are split even when no field has a rule
     */
    public RowMasker(ValueTransform[] transforms, RowFormat format, boolean observed) {
        this.format = format;
        this.transforms = transforms.clone();
        boolean anyRule = false;
        for (int i = 0; i < this.transforms.length; i++) {
            if (this.transforms[i] != null && this.transforms[i].isIdentity()) {
                this.transforms[i] = null;
            }
            anyRule |= this.transforms[i] != null;
        }
        this.passThrough = !anyRule;
        this.observed = observed;
        this.starts = new int[transforms.length];
        this.ends = new int[transforms.length];
        this.memo = new String[transforms.length];
        this.memoRow = new long[transforms.length];
        this.decoded = new String[transforms.length];
        this.decodedRow = new long[transforms.length];
    }

    /**
     * Appends the masked form of the row {@code [offset, offset + length)} to {@code out}, in
     * the masker's {@link RowFormat}.
     *
     * @throws MalformedRowException when the row has a different number of fields than expected
     * @throws RowFormat.TextNeeded when the format cannot decode or encode a ruled value
     */
    public void mask(byte[] buffer, int offset, int length, ByteSink out) {
        if (passThrough && !observed) {
            out.write(buffer, offset, length);
            return;
        }
        format.split(buffer, offset, length, starts, ends);
        this.row = buffer;
        rowNumber++;
        if (passThrough) {
            out.write(buffer, offset, length);
            return;
        }
        format.beginRow(out);
        for (int field = 0; field < transforms.length; field++) {
            ValueTransform transform = transforms[field];
            int start = starts[field];
            int stop = ends[field];
            if (transform == null || !applies(transform, buffer, start, stop)) {
                format.copyField(field, buffer, start, stop, out);
            } else if (memoRow[field] == rowNumber) {
                format.writeValue(field, memo[field], out);
            } else {
                format.writeValue(field, apply(field, transform, source(field)), out);
            }
        }
        format.endRow(out);
    }

    /** True when {@code format} can decode and encode every field that one of the transforms rules. */
    public static boolean decodesRuledFields(ValueTransform[] transforms, RowFormat format) {
        for (int i = 0; i < transforms.length; i++) {
            if (transforms[i] != null && !transforms[i].isIdentity() && !format.decodes(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean applies(ValueTransform transform, byte[] buffer, int start, int stop) {
        if (format.isNull(buffer, start, stop)) {
            return transform.appliesToNull();
        }
        return start != stop || transform.appliesToEmpty();
    }

    private String apply(int field, ValueTransform transform, String value) {
        String result;
        memoRow[field] = -rowNumber;
        try {
            result = transform.apply(value, this);
        } catch (TransformFailedException | RowFormat.TextNeeded e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransformFailedException(field, e);
        }
        memo[field] = result;
        memoRow[field] = rowNumber;
        return result;
    }

    @Override
    public String source(int index) {
        if (decodedRow[index] != rowNumber) {
            decoded[index] = format.decode(index, row, starts[index], ends[index]);
            decodedRow[index] = rowNumber;
        }
        return decoded[index];
    }

    @Override
    public String masked(int index) {
        if (memoRow[index] == rowNumber) {
            return memo[index];
        }
        if (memoRow[index] == -rowNumber) {
            throw new IllegalStateException("column " + index + " is computed from itself");
        }
        String value = source(index);
        ValueTransform transform = transforms[index];
        if (transform == null || (value == null && !transform.appliesToNull())
                || (value != null && value.isEmpty() && !transform.appliesToEmpty())) {
            return value;
        }
        return apply(index, transform, value);
    }

    /**
     * A transformer failed on a value. The cause is kept for its type only: its message may quote
     * the value, so it must never be shown.
     */
    public static final class TransformFailedException extends RuntimeException {
        private final int field;

        public TransformFailedException(int field, RuntimeException cause) {
            super("transformer failed with " + cause.getClass().getSimpleName(), cause);
            this.field = field;
        }

        public int field() {
            return field;
        }
    }

    /** A row whose field count does not match the columns; the row itself is never shown. */
    public static final class MalformedRowException extends RuntimeException {
        public MalformedRowException(int expected, int found) {
            super("a row has " + found + " fields where " + expected + " columns were expected");
        }

        public MalformedRowException(String reason) {
            super(reason);
        }
    }
}
