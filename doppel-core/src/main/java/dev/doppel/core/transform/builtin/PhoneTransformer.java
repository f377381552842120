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
import dev.doppel.core.transform.support.Shape;

/**
 * A phone number of the same shape: same digit count, same separators at the same places, the
 * prefix that says what kind of number it is kept, the other digits permuted by a keyed
 * format-preserving cipher (one-to-one, so unique columns stay unique).
 */
public final class PhoneTransformer implements Transformer {
    /** ITU country codes of two digits; 1 and 7 are the one-digit ones, all others have three. */
    private static final boolean[] TWO_DIGIT_CODES = new boolean[100];

    static {
        for (int code : new int[] {20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53,
                54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98}) {
            TWO_DIGIT_CODES[code] = true;
        }
    }
    private static final int MIN_MASKED = 4;

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("phone",
                    "A phone number of the same shape: the same number of digits with the same separators, spaces "
                            + "and brackets in the same places. The prefix that tells the kind of number is kept — "
                            + "the country code of E.164 numbers (+81 90…, plus the mobile prefix or area digit for "
                            + "Japan, the area code for +1), 090/080/070/050/020 for Japanese mobiles, 0120/0800 "
                            + "toll-free, the first area digit of Japanese landlines — and the other digits are "
                            + "permuted by a keyed format-preserving cipher, so distinct numbers stay distinct. "
                            + "Full-width digits stay full-width.")
            .parameter(ParameterDescriptor.optional("keep_prefix", ParamType.INTEGER, null,
                    "Leading digits to keep as they are. When absent, the prefix is chosen from the number as "
                            + "described above, keeping at least 4 digits masked."))
            .columnKinds(ColumnKind.TEXT, ColumnKind.INTEGER)
            .deterministic()
            .uniqueSafe()
            .example("090-1234-5678")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        Integer fixed = context.params().has("keep_prefix") ? context.params().integer("keep_prefix") : null;
        if (fixed != null && fixed < 0) {
            throw new BindException("keep_prefix must be 0 or more");
        }
        boolean integer = context.column().kind() == ColumnKind.INTEGER;
        DigitMasker masker = new DigitMasker(context.keyedHash());
        return (value, row) -> {
            int n = masker.load(value);
            if (n == 0) {
                return value;
            }
            int keep = fixed != null ? fixed : autoPrefix(value, masker.shape());
            if (integer) {
                keep = Math.max(keep, 1);
            }
            return masker.mask(keep);
        };
    }

    /** The digits that say what kind of number this is, leaving at least {@value #MIN_MASKED} masked. */
    static int autoPrefix(String value, Shape digits) {
        int n = digits.count();
        int keep;
        char first = firstSignificant(value);
        if (first == '+') {
            keep = countryCode(digits);
            if (keep == 2 && digits.value(0) == 8 && digits.value(1) == 1 && n > 3) {
                keep += isJapaneseMobile(digits, 2) ? 2 : 1;
            } else if (keep == 1 && digits.value(0) == 1) {
                keep += 3;
            }
        } else if (digits.value(0) == 0 && n > 1) {
            if (n > 3 && isJapaneseMobile(digits, 1)) {
                keep = 3;
            } else if (n > 4 && (startsWith(digits, 0, 1, 2, 0) || startsWith(digits, 0, 8, 0, 0))) {
                keep = 4;
            } else {
                keep = 2;
            }
        } else {
            keep = n == 10 && digits.value(0) >= 2 ? 3 : 1;
        }
        return Math.max(0, Math.min(keep, n - Math.min(MIN_MASKED, n)));
    }

    private static boolean isJapaneseMobile(Shape digits, int at) {
        int d = digits.value(at);
        return (d == 2 || d == 5 || d == 7 || d == 8 || d == 9) && digits.value(at + 1) == 0;
    }

    private static boolean startsWith(Shape digits, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (digits.value(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int countryCode(Shape digits) {
        int n = digits.count();
        int first = digits.value(0);
        if (first == 1 || first == 7) {
            return 1;
        }
        if (n > 1 && TWO_DIGIT_CODES[first * 10 + digits.value(1)]) {
            return 2;
        }
        return Math.min(3, n);
    }

    private static char firstSignificant(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+' || c == '＋' || Character.isDigit(c)) {
                return c == '＋' ? '+' : c;
            }
        }
        return ' ';
    }
}
