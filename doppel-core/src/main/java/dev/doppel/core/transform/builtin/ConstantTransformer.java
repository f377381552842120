package dev.doppel.core.transform.builtin;

import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;

/** Replaces every non-NULL value with one fixed value. */
public final class ConstantTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("constant",
                    "Replaces every non-NULL value with the same value, written as the database reads it as text.")
            .parameter(ParameterDescriptor.required("value", ParamType.STRING,
                    "The value to write, e.g. 'redacted' or '1970-01-01'."))
            .deterministic()
            .example("Hanako Yamada")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        String constant = context.params().string("value");
        if (constant == null) {
            throw new BindException("parameter 'value' must not be empty; use 'null' to write NULL");
        }
        if (constant.length() > context.maxLength()) {
            throw new BindException("value has " + constant.length() + " characters but the column holds at most "
                    + context.maxLength());
        }
        if (context.column().unique()) {
            throw new BindException("column is UNIQUE, and a constant would repeat one value; use 'hash' or 'email'");
        }
        return (value, row) -> constant;
    }
}
