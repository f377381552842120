package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;

/** Keeps the first and last characters and masks the ones between. */
public final class PartialTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("partial",
                    "Keeps the first and last characters and replaces those between with a mask character, e.g. "
                            + "090-****-5678. At least half of the characters are always masked: on short values "
                            + "fewer are kept. The output has the input's length.")
            .parameter(ParameterDescriptor.optional("keep_first", ParamType.INTEGER, "0",
                    "Characters to keep at the start."))
            .parameter(ParameterDescriptor.optional("keep_last", ParamType.INTEGER, "4",
                    "Characters to keep at the end."))
            .parameter(ParameterDescriptor.optional("mask_char", ParamType.STRING, "*",
                    "The one character written in place of each masked one."))
            .parameter(ParameterDescriptor.optional("keep_separators", ParamType.BOOLEAN, "true",
                    "Leave characters that are neither letters nor digits (hyphens, spaces, @, dots) unmasked, "
                            + "so the value keeps its shape."))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .example("090-1234-5678")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        int keepFirst = context.params().integer("keep_first");
        int keepLast = context.params().integer("keep_last");
        String maskText = context.params().string("mask_char");
        if (keepFirst < 0 || keepLast < 0) {
            throw new BindException("keep_first and keep_last must be 0 or more");
        }
        if (maskText == null || maskText.codePointCount(0, maskText.length()) != 1) {
            throw new BindException("mask_char must be exactly one character");
        }
        int mask = maskText.codePointAt(0);
        boolean keepSeparators = context.params().bool("keep_separators");
        return (value, row) -> {
            int length = value.codePointCount(0, value.length());
            int first = keepFirst;
            int last = keepLast;
            int maxKept = length / 2;
            if (first + last > maxKept) {
                first = (int) ((long) first * maxKept / (first + last));
                last = maxKept - first;
            }
            StringBuilder out = new StringBuilder(value.length());
            int index = 0;
            for (int i = 0; i < value.length(); index++) {
                int c = value.codePointAt(i);
                i += Character.charCount(c);
                boolean kept = index < first || index >= length - last
                        || (keepSeparators && !Character.isLetterOrDigit(c));
                out.appendCodePoint(kept ? c : mask);
            }
            return out.toString();
        };
    }
}
