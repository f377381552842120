package dev.doppel.core.text;

/**
 * How the rows of a copy are laid out between its reader and its writer. {@link RowText#FORMAT}
 * is the form every engine speaks; an engine may offer a faster form of its own for a copy whose
 * reader and writer both speak it ({@link dev.doppel.core.engine.TableReader#fasterFormat}). The
 * masker needs only what this interface gives: the fields of a row, fields copied as they are, and
 * the ruled fields decoded to text and encoded back.
 *
 * <p>A field is given as {@code [start, end)} within the row's buffer, as {@link #split} finds it;
 * a form may mark NULL with positions of its own, which only {@link #isNull} and the form's own
 * methods interpret. Implementations are stateless or immutable, and shared by all workers.
 */
public interface RowFormat {
    /** The form's name in progress lines: {@code text}, {@code binary}. */
    String name();

    /**
     * Finds the fields of the row {@code [offset, offset + length)}, one entry of {@code starts}
     * and {@code ends} per field.
     *
     * @throws RowMasker.MalformedRowException when the row has another number of fields than the
     *     arrays' length, or is cut short
     */
    void split(byte[] buffer, int offset, int length, int[] starts, int[] ends);

    boolean isNull(byte[] buffer, int start, int end);

    /**
     * The field's value as text, in the engine's text form (the value its text COPY would give),
     * or null for NULL.
     *
     * @throws TextNeeded when this form cannot give the value as text
     */
    String decode(int field, byte[] buffer, int start, int end);

    /** True when {@link #decode} and {@link #writeValue} can work on the field at all. */
    default boolean decodes(int field) {
        return true;
    }

    /** Starts a row in {@code out}. */
    void beginRow(ByteSink out);

    /** Appends the field {@code [start, end)} of a row in this form as it is. */
    void copyField(int field, byte[] buffer, int start, int end, ByteSink out);

    /**
     * Appends a value given as text (null for NULL).
     *
     * @throws TextNeeded when this form cannot carry the value; {@code out} may then hold part of it
     */
    void writeValue(int field, String value, ByteSink out);

    /** Ends the row begun last in {@code out}. */
    void endRow(ByteSink out);

    /**
     * A value that a form other than {@link RowText} cannot decode or encode, such as a masked date
     * a transformer wrote in a form only the server's parser knows. The copy is done again in
     * {@link RowText} form, which passes such values to the server as they are. The message never
     * holds the value.
     */
    final class TextNeeded extends RuntimeException {
        public TextNeeded(String reason) {
            super(reason, null, false, false);
        }
    }
}
