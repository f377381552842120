package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.CheckDigits;
import dev.doppel.core.transform.support.FormatCipher;
import dev.doppel.core.transform.support.Shape;

/**
 * A Japanese individual number (マイナンバー, 12 digits) with a valid check digit: the first 11
 * digits are permuted by a format-preserving cipher and the check digit recomputed, carrying over
 * how far the input's check digit was off so that the map is one-to-one on every input.
 */
public final class MyNumberTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("my_number",
                    "A Japanese individual number (My Number, 12 digits) with a valid check digit, spaces and "
                            + "hyphens kept where they were. The first 11 digits are permuted by a keyed "
                            + "format-preserving cipher, so distinct numbers stay distinct; an input whose check "
                            + "digit is wrong gives an output whose check digit is wrong by as much. Values that do "
                            + "not hold exactly 12 digits have their digits permuted without a check digit.")
            .columnKinds(ColumnKind.TEXT, ColumnKind.INTEGER)
            .deterministic()
            .uniqueSafe()
            .example("1234 5678 9018")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        FormatCipher cipher = new FormatCipher(context.keyedHash().prf());
        Shape digits = new Shape(false);
        boolean integer = context.column().kind() == ColumnKind.INTEGER;
        return (value, row) -> {
            int n = digits.load(value);
            if (n != 12) {
                int keep = integer && n > 1 ? 1 : 0;
                digits.encrypt(cipher, keep, n, cipher.tweak(n, keep == 1 ? digits.value(0) : -1));
                return digits.text();
            }
            int offset = Math.floorMod(digits.value(11) - CheckDigits.myNumber(digits, 0), 10);
            // an integer column cannot start with 0: keep the first digit there
            int from = integer ? 1 : 0;
            digits.encrypt(cipher, from, 11, cipher.tweak(12, from == 1 ? digits.value(0) : -1));
            digits.set(11, (CheckDigits.myNumber(digits, 0) + offset) % 10);
            return digits.text();
        };
    }
}
