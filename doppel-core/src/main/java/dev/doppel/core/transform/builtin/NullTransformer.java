package dev.doppel.core.transform.builtin;

import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.RowValues;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;

/** Replaces every value with NULL. */
public final class NullTransformer implements Transformer {
    public static final String NAME = "null";

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder(NAME,
                    "Replaces every value with NULL. The column must allow NULL; a UNIQUE column may hold any "
                            + "number of NULLs. The source is not even asked for the values (unless another "
                            + "column's rule reads them), so nulling a wide column also saves reading it.")
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
        return new ValueTransform() {
            @Override
            public String apply(String value, RowValues row) {
                return null;
            }

            /** Empty values become NULL too, as they do when the column is read as NULL. */
            @Override
            public boolean appliesToEmpty() {
                return true;
            }
        };
    }
}
