package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.DigitMasker;

/** A postal code of the same format (JP NNN-NNNN, US ZIP or ZIP+4, any digit shape), digits permuted one-to-one. */
public final class PostalCodeTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("postal_code",
                    "A postal code of the same format: Japanese NNN-NNNN (or NNNNNNN, 〒 kept), US ZIP NNNNN or "
                            + "ZIP+4 NNNNN-NNNN, and any other digit shape, with the digits permuted by a keyed "
                            + "format-preserving cipher so distinct codes stay distinct. Letters and separators "
                            + "are kept.")
            .parameter(ParameterDescriptor.optional("keep_prefix", ParamType.INTEGER, "0",
                    "Leading digits to keep, e.g. 1 to stay in the same Japanese region or US ZIP zone, 3 for the "
                            + "same US sectional centre."))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .uniqueSafe()
            .example("150-0002")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        int keep = context.params().integer("keep_prefix");
        if (keep < 0) {
            throw new BindException("keep_prefix must be 0 or more");
        }
        DigitMasker masker = new DigitMasker(context.keyedHash());
        return (value, row) -> masker.load(value) == 0 ? value : masker.mask(keep);
    }
}
