package dev.doppel.snapshot;

import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.text.RowText;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Cuts a stream of RowText rows at line feeds, with one buffer that grows only for a row longer than it. */
final class RowSplitter {
    private static final int BUFFER = 1 << 16;

    private RowSplitter() {}

    /** Receives whole rows, many at a time. */
    @FunctionalInterface
    interface BlockConsumer {
        void accept(byte[] buffer, int offset, int length) throws IOException;
    }

    /** Calls the consumer once per row of a block of whole rows. */
    static void eachRow(byte[] buffer, int offset, int length, RowConsumer consumer) {
        int end = offset + length;
        for (int start = offset, lineEnd; (lineEnd = RowText.nextLineEnd(buffer, start, end)) < end; start = lineEnd + 1) {
            consumer.accept(buffer, start, lineEnd + 1 - start);
        }
    }

    /**
     * Hands over every run of whole rows in the buffer; @return the number of rows. Only the bytes
     * just read are searched, in one pass that counts the rows and finds the last one's end: what
     * the buffer held before them is the start of a row, with no line feed.
     */
    static long blocks(InputStream in, BlockConsumer consumer) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int filled = 0;
        long rows = 0;
        while (true) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            int scanFrom = filled;
            filled += n;
            int lastEnd = -1;
            for (int i = RowText.nextLineEnd(buffer, scanFrom, filled); i < filled; i = RowText.nextLineEnd(buffer, i + 1, filled)) {
                rows++;
                lastEnd = i + 1;
            }
            if (lastEnd < 0) {
                continue;
            }
            consumer.accept(buffer, 0, lastEnd);
            System.arraycopy(buffer, lastEnd, buffer, 0, filled - lastEnd);
            filled -= lastEnd;
            if (buffer.length > BUFFER && filled < BUFFER) {
                buffer = Arrays.copyOf(buffer, BUFFER);
            }
        }
        if (filled > 0) {
            throw new IOException("the last row has no line end");
        }
        return rows;
    }
}
