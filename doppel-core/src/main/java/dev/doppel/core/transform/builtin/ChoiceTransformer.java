package dev.doppel.core.transform.builtin;

import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.KeyedHash;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.Texts;
import java.util.List;

/** Picks one of a fixed list of values, chosen by a keyed hash of the input. */
public final class ChoiceTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("choice",
                    "Replaces the value with one of a list, picked by a keyed hash of the input: equal inputs pick "
                            + "the same value, and the values come out about equally often.")
            .parameter(ParameterDescriptor.required("values", ParamType.LIST,
                    "The values to pick from, written as the database reads them as text, e.g. [bronze, silver, gold]."))
            .deterministic()
            .example("gold")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        List<String> list = context.params().strings("values");
        if (list.isEmpty() || list.contains(null)) {
            throw new BindException("values must be a non-empty list of plain values");
        }
        String[] values = list.toArray(new String[0]);
        for (String value : values) {
            if (Texts.length(value) > context.maxLength()) {
                throw new BindException("a value of 'values' has " + Texts.length(value)
                        + " characters but the column holds at most " + context.maxLength());
            }
        }
        KeyedHash hash = context.keyedHash();
        return (value, row) -> values[Texts.pick(hash.digestLong(value), values.length)];
    }
}
