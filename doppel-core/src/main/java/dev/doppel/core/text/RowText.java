package dev.doppel.core.text;

import java.nio.charset.StandardCharsets;

/**
 * The row form every relational engine speaks in the pipeline: PostgreSQL's COPY text format,
 * which MySQL's LOAD DATA reads too. Fields are separated by tabs, a row ends with a line feed,
 * {@code \N} is NULL, and backslash escapes stand for backslash, tab, line feed, carriage return
 * and the other C escapes. A raw tab or line feed never occurs inside a field.
 */
public final class RowText {
    public static final byte DELIMITER = '\t';
    public static final byte END = '\n';

    private RowText() {}

    public static boolean isNull(byte[] buffer, int start, int end) {
        return end - start == 2 && buffer[start] == '\\' && buffer[start + 1] == 'N';
    }

    /** Decodes the field {@code [start, end)} to text, or null for {@code \N}. */
    public static String decode(byte[] buffer, int start, int end) {
        if (isNull(buffer, start, end)) {
            return null;
        }
        int backslash = indexOf(buffer, start, end, (byte) '\\');
        if (backslash < 0) {
            return new String(buffer, start, end - start, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            byte b = buffer[i];
            if (b != '\\' || i + 1 == end) {
                out[length++] = b;
                continue;
            }
            byte next = buffer[++i];
            switch (next) {
                case 'b' -> out[length++] = '\b';
                case 'f' -> out[length++] = '\f';
                case 'n' -> out[length++] = '\n';
                case 'r' -> out[length++] = '\r';
                case 't' -> out[length++] = '\t';
                case 'v' -> out[length++] = 0x0b;
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int value = next - '0';
                    int digits = 1;
                    while (digits < 3 && i + 1 < end && buffer[i + 1] >= '0' && buffer[i + 1] <= '7') {
                        value = value * 8 + (buffer[++i] - '0');
                        digits++;
                    }
                    out[length++] = (byte) value;
                }
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < end && Character.digit(buffer[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(buffer[++i], 16);
                        digits++;
                    }
                    out[length++] = digits == 0 ? (byte) 'x' : (byte) value;
                }
                default -> out[length++] = next;
            }
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    /** Appends the field form of {@code value} ({@code \N} for null) to {@code out}. */
    public static void encode(String value, ByteSink out) {
        if (value == null) {
            out.write((byte) '\\');
            out.write((byte) 'N');
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            switch (b) {
                case '\\' -> out.write2((byte) '\\', (byte) '\\');
                case '\t' -> out.write2((byte) '\\', (byte) 't');
                case '\n' -> out.write2((byte) '\\', (byte) 'n');
                case '\r' -> out.write2((byte) '\\', (byte) 'r');
                default -> out.write(b);
            }
        }
    }

    static int indexOf(byte[] buffer, int start, int end, byte value) {
        for (int i = start; i < end; i++) {
            if (buffer[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
