package dev.doppel.core.transform.builtin;

import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;

/** Replaces every non-NULL value with the column's declared constant default. */
public final class DefaultTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("default",
                    "Replaces every non-NULL value with the column's default as the source declares it, e.g. "
                            + "'active' for DEFAULT 'active'. The default must be a constant: a computed one such as "
                            + "now() or a sequence is refused when the plan is made.")
            .deterministic()
            .example("premium")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        String value = context.column().defaultValue();
        if (value == null) {
            throw new BindException("column has no constant default (it has none, or it is computed, like now() or a "
                    + "sequence); use 'constant' or 'null'");
        }
        if (value.length() > context.maxLength()) {
            throw new BindException("the default has " + value.length() + " characters but the column holds at most "
                    + context.maxLength());
        }
        return (input, row) -> value;
    }
}
