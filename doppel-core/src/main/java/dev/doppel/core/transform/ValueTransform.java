package dev.doppel.core.transform;

/**
 * The per-row function of a bound transformer. Values are the engine's text form of the column
 * value; {@code null} stands for SQL NULL. Implementations need not be thread-safe: each worker
 * binds its own.
 */
@FunctionalInterface
public interface ValueTransform {
    /**
     * Masks one value. Called with non-NULL values only, unless {@link #appliesToNull()} is true.
     *
     * @param row the other values of the same row, for transformers that compose from them
     * @return the masked value, or null for SQL NULL
     */
    String apply(String value, RowValues row);

    /** True when NULL inputs are handed to {@link #apply} instead of staying NULL. */
    default boolean appliesToNull() {
        return false;
    }

    /** True when the output is the input (nothing is decoded or re-encoded). */
    default boolean isIdentity() {
        return false;
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
