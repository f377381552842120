package dev.doppel.core.transform;

/** Read access to the source values of the row being masked, by column index. */
public interface RowValues {
    /** The source value of column {@code index}, decoded to text, or null for SQL NULL. */
    String source(int index);
}
