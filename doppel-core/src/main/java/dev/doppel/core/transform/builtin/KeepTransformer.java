package dev.doppel.core.transform.builtin;

import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;

/** Marks a column as not personal: its values are copied as they are, without being decoded. */
public final class KeepTransformer implements Transformer {
    public static final String NAME = "keep";

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder(NAME,
                    "Copies the value unchanged. Use it to say a column holds no personal data.")
            .deterministic()
            .uniqueSafe()
            .example("PG-13")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        return ValueTransform.IDENTITY;
    }
}
