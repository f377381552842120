package dev.doppel.core.transform;

/** Read access to the values of the row being masked, by column index (the copied columns, in order). */
public interface RowValues {
    /** The source value of column {@code index}, decoded to text, or null for SQL NULL. */
    String source(int index);

    /**
     * The value column {@code index} is written with after masking, or null for NULL: its rule's
     * output, or the source value when it has none. Computed at most once per row.
     *
     * @throws UnsupportedOperationException where the caller has no masked row to offer
     */
    default String masked(int index) {
        throw new UnsupportedOperationException("masked values are not available here");
    }
}
