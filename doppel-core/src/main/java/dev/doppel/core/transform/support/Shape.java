package dev.doppel.core.transform.support;

import java.util.Arrays;

/**
 * A value split into the symbols a format-preserving transformer changes (digits, and letters
 * when asked) and the characters it keeps where they are (separators, punctuation, anything
 * else). Full-width digits {@code ０-９} count as digits and stay full-width. One instance per
 * bound transform: it reuses its arrays, so loading a value allocates nothing until they grow.
 */
public final class Shape {
    private static final int DIGIT = 0;
    private static final int WIDE_DIGIT = 1;
    private static final int LOWER = 2;
    private static final int UPPER = 3;

    private final boolean letters;
    private char[] chars = new char[32];
    private int length;
    private int[] positions = new int[32];
    private int[] values = new int[32];
    private int[] radix = new int[32];
    private byte[] kinds = new byte[32];
    private int count;

    /** @param letters true to change ASCII letters too (each keeps its case) */
    public Shape(boolean letters) {
        this.letters = letters;
    }

    /** Reads {@code value}; returns the number of symbols found. */
    public int load(String value) {
        length = value.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        value.getChars(0, length, chars, 0);
        count = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                add(i, c - '0', 10, DIGIT);
            } else if (c >= '０' && c <= '９') {
                add(i, c - '０', 10, WIDE_DIGIT);
            } else if (letters && c >= 'a' && c <= 'z') {
                add(i, c - 'a', 26, LOWER);
            } else if (letters && c >= 'A' && c <= 'Z') {
                add(i, c - 'A', 26, UPPER);
            }
        }
        return count;
    }

    private void add(int position, int value, int base, int kind) {
        if (count == positions.length) {
            int size = count * 2;
            positions = Arrays.copyOf(positions, size);
            values = Arrays.copyOf(values, size);
            radix = Arrays.copyOf(radix, size);
            kinds = Arrays.copyOf(kinds, size);
        }
        positions[count] = position;
        values[count] = value;
        radix[count] = base;
        kinds[count] = (byte) kind;
        count++;
    }

    public int count() {
        return count;
    }

    /** The value of symbol {@code i} (a digit's value, a letter's place in the alphabet). */
    public int value(int i) {
        return values[i];
    }

    public void set(int i, int value) {
        values[i] = value;
    }

    /** Symbols {@code [from, to)} as a number (digits only; at most 18 of them). */
    public long number(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n = n * radix[i] + values[i];
        }
        return n;
    }

    /** Permutes symbols {@code [from, to)} with {@code cipher} under {@code tweak}. */
    public void encrypt(FormatCipher cipher, int from, int to, long tweak) {
        cipher.encrypt(values, radix, from, to, tweak);
    }

    /** The value with every symbol written back in its original alphabet and width. */
    public String text() {
        for (int i = 0; i < count; i++) {
            int v = values[i];
            chars[positions[i]] = switch (kinds[i]) {
                case DIGIT -> (char) ('0' + v);
                case WIDE_DIGIT -> (char) ('０' + v);
                case LOWER -> (char) ('a' + v);
                default -> (char) ('A' + v);
            };
        }
        return new String(chars, 0, length);
    }

    /** The character at {@code index} of the loaded value. */
    public char charAt(int index) {
        return chars[index];
    }

    public int length() {
        return length;
    }

    /** The index in the value of symbol {@code i}. */
    public int position(int i) {
        return positions[i];
    }
}
