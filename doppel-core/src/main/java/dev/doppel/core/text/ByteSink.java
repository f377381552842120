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
