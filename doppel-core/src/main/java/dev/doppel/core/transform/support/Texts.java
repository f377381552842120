package dev.doppel.core.transform.support;

/** Length rules shared by transformers: the database counts characters (code points), not UTF-16 units. */
public final class Texts {
    private Texts() {}

    /** The number of characters as the database counts them. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** {@code value} cut to at most {@code max} characters, never splitting a surrogate pair. */
    public static String truncate(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        if (length(value) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    /** An index in {@code [0, size)} from 64 hash bits, without the sign bit's bias. */
    public static int pick(long bits, int size) {
        return (int) Long.remainderUnsigned(bits, size);
    }
}
