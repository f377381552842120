package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.CheckDigits;
import dev.doppel.core.transform.support.FormatCipher;
import dev.doppel.core.transform.support.Shape;

/**
 * A card number with the same separators that passes the Luhn check. The digits between the kept
 * ones are permuted by a format-preserving cipher except one, which is then set so that the
 * output's Luhn residue equals the input's: a valid number gives a valid number, and because the
 * residue travels along, the map stays one-to-one on every input, valid or not.
 */
public final class CreditCardTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("credit_card",
                    "A card number of the same length and separators that passes the Luhn check, keeping the "
                            + "issuer prefix and the last digits if asked. The digits in between are permuted by a "
                            + "keyed format-preserving cipher, so distinct numbers stay distinct. An input that "
                            + "fails Luhn gives an output that fails it the same way, which keeps the mapping "
                            + "one-to-one.")
            .parameter(ParameterDescriptor.optional("keep_first", ParamType.INTEGER, "6",
                    "Leading digits to keep: 6 keeps the issuer identification number (the card brand and bank), "
                            + "0 masks them too."))
            .parameter(ParameterDescriptor.optional("keep_last", ParamType.INTEGER, "4",
                    "Trailing digits to keep, e.g. 4 for 'card ending in 1234'; 0 masks them too."))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .uniqueSafe()
            .example("4111 1111 1111 1111")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        int keepFirst = context.params().integer("keep_first");
        int keepLast = context.params().integer("keep_last");
        if (keepFirst < 0 || keepLast < 0) {
            throw new BindException("keep_first and keep_last must be 0 or more");
        }
        FormatCipher cipher = new FormatCipher(context.keyedHash().prf());
        Shape digits = new Shape(false);
        return (value, row) -> {
            int n = digits.load(value);
            if (n < 2) {
                return value;
            }
            // at least two digits change: one permuted, one set by the check
            int last = Math.min(keepLast, n - 2);
            int first = Math.min(keepFirst, n - last - 2);
            int residue = CheckDigits.luhn(digits);
            int check = n - last - 1;
            long kept = digits.number(0, Math.min(first, 18)) * 31 + digits.number(n - last, n);
            digits.encrypt(cipher, first, check, cipher.tweak(((long) n << 16) | ((long) first << 8) | last, kept));
            CheckDigits.solveLuhn(digits, check, residue);
            return digits.text();
        };
    }
}
