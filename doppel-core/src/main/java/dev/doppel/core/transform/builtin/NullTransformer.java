package dev.doppel.core.transform.builtin;

import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;

/** Replaces every value with NULL. */
public final class NullTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("null",
                    "Replaces every value with NULL. The column must allow NULL; a UNIQUE column may hold any "
                            + "number of NULLs.")
            .deterministic()
            .uniqueSafe()
            .example("1985-04-12")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        if (!context.column().nullable()) {
            throw new BindException("column is NOT NULL, so 'null' cannot be written to it; use 'constant' or another transformer");
        }
        return (value, row) -> null;
    }
}
