package dev.doppel.core.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte buffer that rows are assembled in before they go to the target in batches. */
public final class ByteSink {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOW_BYTES = ONES * 0x0e;
    private static final long BACKSLASHES = ONES * '\\';

    private byte[] buffer;
    private int size;

    public ByteSink(int initialCapacity) {
        buffer = new byte[initialCapacity];
    }

    public void write(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, buffer, size, length);
        size += length;
    }

    /** Appends a 16-bit integer, most significant byte first. */
    public void writeShort(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    /** Appends a 32-bit integer, most significant byte first. */
    public void writeInt(int value) {
        ensure(4);
        putInt(size, value);
        size += 4;
    }

    /** Appends a 64-bit integer, most significant byte first. */
    public void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    /** Overwrites the four bytes at {@code at} (below {@link #size}) with a 32-bit integer. */
    public void putInt(int at, int value) {
        buffer[at] = (byte) (value >>> 24);
        buffer[at + 1] = (byte) (value >>> 16);
        buffer[at + 2] = (byte) (value >>> 8);
        buffer[at + 3] = (byte) value;
    }

    /** Appends {@code value} in UTF-8 as it is, without escapes; a lone surrogate is written as {@code ?}. */
    public void writeUtf8(String value) {
        writeUtf8(value, false);
    }

    /**
     * Appends {@code value} in UTF-8 with RowText's escapes for backslash, tab, line feed and
     * carriage return, straight from its characters: one pass, nothing allocated. A lone surrogate
     * is written as {@code ?}, as {@link String#getBytes} writes it.
     */
    void writeEscaped(String value) {
        writeUtf8(value, true);
    }

    private void writeUtf8(String value, boolean escaped) {
        int length = value.length();
        ensure(length * 3);
        byte[] out = buffer;
        int at = size;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                byte escape = escaped ? escape((byte) c) : 0;
                if (escape != 0) {
                    out[at++] = '\\';
                    out[at++] = escape;
                } else {
                    out[at++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xc0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int code = Character.toCodePoint(c, value.charAt(++i));
                out[at++] = (byte) (0xf0 | code >> 18);
                out[at++] = (byte) (0x80 | code >> 12 & 0x3f);
                out[at++] = (byte) (0x80 | code >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | code & 0x3f);
            } else if (Character.isSurrogate(c)) {
                out[at++] = '?';
            } else {
                out[at++] = (byte) (0xe0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        size = at;
    }

    /**
     * Appends UTF-8 bytes with the same escapes, copying the runs between them whole. The bytes
     * are taken as they are: a driver's text, already UTF-8. Eight bytes are looked at a time
     * ({@link #mayNeedEscape}); only a word that may hold a byte to escape is looked at byte by
     * byte.
     */
    void writeEscaped(byte[] utf8) {
        int run = 0;
        int i = 0;
        for (int words = utf8.length - 7; i < words; i += 8) {
            if (mayNeedEscape((long) LONGS.get(utf8, i))) {
                run = writeEscapedBytes(utf8, i, i + 8, run);
            }
        }
        run = writeEscapedBytes(utf8, i, utf8.length, run);
        write(utf8, run, utf8.length - run);
    }

    /** Writes the run before each byte in {@code [from, to)} that needs an escape, and its escape; returns where the next run starts. */
    private int writeEscapedBytes(byte[] utf8, int from, int to, int run) {
        for (int i = from; i < to; i++) {
            byte escape = escape(utf8[i]);
            if (escape != 0) {
                write(utf8, run, i - run);
                write((byte) '\\');
                write(escape);
                run = i + 1;
            }
        }
        return run;
    }

    /**
     * False when none of the eight bytes is a backslash or below 0x0e (where tab, line feed and
     * carriage return are): the "has a byte less than n" and "has a zero byte" bit tricks, exact
     * as a yes or no for the word, though not for which byte.
     */
    static boolean mayNeedEscape(long word) {
        long below = (word - LOW_BYTES) & ~word & HIGHS;
        long backslashes = word ^ BACKSLASHES;
        return (below | ((backslashes - ONES) & ~backslashes & HIGHS)) != 0;
    }

    /** The letter that follows the backslash for a byte RowText escapes, or 0 for one it does not. */
    private static byte escape(byte b) {
        return switch (b) {
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            default -> 0;
        };
    }

    public byte[] array() {
        return buffer;
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
