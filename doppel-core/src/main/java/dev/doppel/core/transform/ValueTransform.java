package dev.doppel.core.transform;

/**
 * The per-row function of a bound transformer. Values are the engine's text form of the column
 * value; {@code null} stands for SQL NULL. Implementations need not be thread-safe: each worker
 * binds its own.
 *
 * <p>The contract every caller keeps (see {@link #mask}): NULL stays NULL and the empty string
 * stays empty, unless the transform says it wants them ({@link #appliesToNull()},
 * {@link #appliesToEmpty()}).
 */
@FunctionalInterface
public interface ValueTransform {
    /**
     * Masks one value. Called with non-NULL, non-empty values only, unless {@link #appliesToNull()}
     * or {@link #appliesToEmpty()} is true.
     *
     * @param row the other values of the same row, for transformers that compose from them
     * @return the masked value, or null for SQL NULL
     */
    String apply(String value, RowValues row);

    /** True when NULL inputs are handed to {@link #apply} instead of staying NULL. */
    default boolean appliesToNull() {
        return false;
    }

    /** True when empty inputs are handed to {@link #apply} instead of staying empty. */
    default boolean appliesToEmpty() {
        return false;
    }

    /** True when the output is the input (nothing is decoded or re-encoded). */
    default boolean isIdentity() {
        return false;
    }

    /** Applies {@code transform} the way the copy pipeline does: NULL and empty values are kept unless it asks for them. */
    static String mask(ValueTransform transform, String value, RowValues row) {
        if (value == null) {
            return transform.appliesToNull() ? transform.apply(null, row) : null;
        }
        if (value.isEmpty() && !transform.appliesToEmpty()) {
            return value;
        }
        return transform.apply(value, row);
    }

    ValueTransform IDENTITY = new ValueTransform() {
        @Override
        public String apply(String value, RowValues row) {
            return value;
        }

        @Override
        public boolean isIdentity() {
            return true;
        }
    };
}
