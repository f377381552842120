package dev.doppel.core.text;

import java.util.Arrays;

/** A growable byte buffer that rows are assembled in before they go to the target in batches. */
public final class ByteSink {
    private byte[] buffer;
    private int size;

    public ByteSink(int initialCapacity) {
        buffer = new byte[initialCapacity];
    }

    public void write(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    void write2(byte a, byte b) {
        ensure(2);
        buffer[size++] = a;
        buffer[size++] = b;
    }

    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, buffer, size, length);
        size += length;
    }

    /**
     * Appends {@code value} in UTF-8 with RowText's escapes for backslash, tab, line feed and
     * carriage return, straight from its characters: one pass, nothing allocated. A lone surrogate
     * is written as {@code ?}, as {@link String#getBytes} writes it.
     */
    void writeEscaped(String value) {
        int length = value.length();
        ensure(length * 3);
        byte[] out = buffer;
        int at = size;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { out[at++] = '\\'; out[at++] = '\\'; }
                    case '\t' -> { out[at++] = '\\'; out[at++] = 't'; }
                    case '\n' -> { out[at++] = '\\'; out[at++] = 'n'; }
                    case '\r' -> { out[at++] = '\\'; out[at++] = 'r'; }
                    default -> out[at++] = (byte) c;
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
