package dev.doppel.core.transform.support;

/**
 * Check digits of card numbers (Luhn) and Japanese My Numbers, over the digits a {@link Shape}
 * holds, so that masked numbers keep the validity their input had.
 */
public final class CheckDigits {
    private static final int[] DOUBLED = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

    private CheckDigits() {}

    /** The Luhn sum of the shape's symbols mod 10: 0 for a valid card number. */
    public static int luhn(Shape digits) {
        int n = digits.count();
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int d = digits.value(i);
            sum += ((n - 1 - i) & 1) == 1 ? DOUBLED[d] : d;
        }
        return sum % 10;
    }

    /** Sets symbol {@code index} so that {@link #luhn} becomes {@code residue}. */
    public static void solveLuhn(Shape digits, int index, int residue) {
        int n = digits.count();
        digits.set(index, 0);
        int missing = Math.floorMod(residue - luhn(digits), 10);
        boolean doubled = ((n - 1 - index) & 1) == 1;
        digits.set(index, doubled ? undouble(missing) : missing);
    }

    private static int undouble(int value) {
        for (int d = 0; d < 10; d++) {
            if (DOUBLED[d] == value) {
                return d;
            }
        }
        throw new IllegalStateException();
    }

    /** True when the 13 to 19 digits of {@code text} (other characters ignored) pass Luhn. */
    public static boolean isLuhnValid(CharSequence text) {
        int sum = 0;
        int position = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            int d = digit(text.charAt(i));
            if (d >= 0) {
                sum += (position++ & 1) == 1 ? DOUBLED[d] : d;
            }
        }
        return position >= 13 && position <= 19 && sum % 10 == 0;
    }

    /**
     * The My Number check digit of the 11 digits {@code [from, from + 11)}: with {@code P(n)} the
     * n-th digit from the right and {@code Q(n) = n + 1} for n ≤ 6 and {@code n - 5} above,
     * {@code 11 - (Σ P(n)Q(n) mod 11)}, or 0 when the remainder is 0 or 1.
     */
    public static int myNumber(Shape digits, int from) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = digits.value(from + 11 - n);
            sum += p * (n <= 6 ? n + 1 : n - 5);
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    /** True when {@code text} holds exactly 12 digits (other characters ignored) with a valid My Number check digit. */
    public static boolean isMyNumberValid(CharSequence text) {
        int[] d = new int[12];
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            int v = digit(text.charAt(i));
            if (v >= 0) {
                if (count == 12) {
                    return false;
                }
                d[count++] = v;
            }
        }
        if (count != 12) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            sum += d[11 - n] * (n <= 6 ? n + 1 : n - 5);
        }
        int r = sum % 11;
        return d[11] == (r <= 1 ? 0 : 11 - r);
    }

    /** The value of an ASCII or full-width digit, or -1. */
    public static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= '０' && c <= '９') {
            return c - '０';
        }
        return -1;
    }
}
