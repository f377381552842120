package dev.doppel.core.transform;

/**
 * A masking function for one column, registered through {@code META-INF/services}.
 *
 * <p>A transformer describes itself ({@link #descriptor()}), so that {@code doppel transformers
 * list|show}, the docs and the config validation all read the same definition. It is bound once
 * per column and worker ({@link #bind}); the bound {@link ValueTransform} is then called for every
 * row and should allocate nothing beyond its output.
 *
 * <p>Deterministic transformers derive their output only from the masking key, their domain and
 * the input value (see {@link KeyedHash}), so the same input maps to the same output in every
 * table, database, engine and run.
 */
public interface Transformer {
    TransformerDescriptor descriptor();

    /**
     * Checks the parameters against the column and prepares the per-row function.
     *
     * @throws BindException when the rule cannot work on this column; the message says why and
     *     what to change
     */
    ValueTransform bind(BindContext context);
}
