package dev.doppel.core.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
    /** This form as the masker and the engines' readers and writers see it. */
    public static final RowFormat FORMAT = new TextRowFormat();

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
        out.writeEscaped(value);
    }

    /** Appends the field form of text already in UTF-8 ({@code \N} for null) to {@code out}. */
    public static void encodeUtf8(byte[] value, ByteSink out) {
        if (value == null) {
            out.write((byte) '\\');
            out.write((byte) 'N');
            return;
        }
        out.writeEscaped(value);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long TABS = 0x0909090909090909L;
    private static final long LINE_FEEDS = 0x0a0a0a0a0a0a0a0aL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the next field delimiter in {@code [from, end)}, or {@code end}. Reads eight
     * bytes at a time and finds a tab among them with the "has zero byte" bit trick, so splitting a
     * row costs a fraction of a byte-by-byte scan.
     */
    public static int nextDelimiter(byte[] buffer, int from, int end) {
        return next(buffer, from, end, TABS, DELIMITER);
    }

    /** The index of the next line feed (a row's end) in {@code [from, end)}, or {@code end}; as {@link #nextDelimiter}. */
    public static int nextLineEnd(byte[] buffer, int from, int end) {
        return next(buffer, from, end, LINE_FEEDS, (byte) '\n');
    }

    private static int next(byte[] buffer, int from, int end, long pattern, byte value) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONGS.get(buffer, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (buffer[i] == value) {
                return i;
            }
        }
        return end;
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
