package dev.doppel.snapshot;

import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.text.RowText;
import java.util.Arrays;
import java.util.List;

/**
 * Picks some fields of each row, in a requested order, for readers that want fewer columns than a
 * data file holds (leak verification, sampling). The whole row passes through untouched when the
 * columns are the file's own. A row is cut only as far as its last wanted field, eight bytes at a
 * time ({@link RowText#nextDelimiter}): verification of a snapshot spent more in this cut, byte by
 * byte over every field, than in any of its checks.
 */
final class Projection implements RowConsumer {
    private final int[] fields;
    private final int lastWanted;
    private final RowConsumer next;
    private final int[] starts;
    private final int[] ends;
    private byte[] out = new byte[1 << 12];

    private Projection(int[] fields, int width, RowConsumer next) {
        this.fields = fields;
        this.lastWanted = Arrays.stream(fields).max().orElse(-1);
        this.next = next;
        this.starts = new int[width];
        this.ends = new int[width];
    }

    static RowConsumer of(List<String> fileColumns, List<String> wanted, String table, RowConsumer next) {
        if (wanted.equals(fileColumns)) {
            return next;
        }
        int[] fields = new int[wanted.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fileColumns.indexOf(wanted.get(i));
            if (fields[i] < 0) {
                throw new DoppelException(ExitCode.INTERNAL, "The snapshot's data of " + table + " has no column "
                        + wanted.get(i));
            }
        }
        return new Projection(fields, fileColumns.size(), next);
    }

    @Override
    public void accept(byte[] buffer, int offset, int length) {
        int end = offset + length - 1;
        int start = offset;
        for (int field = 0; field <= lastWanted; field++) {
            int delimiter = field == starts.length - 1 ? end : RowText.nextDelimiter(buffer, start, end);
            starts[field] = start;
            ends[field] = delimiter;
            start = Math.min(delimiter + 1, end);
        }
        int size = 0;
        for (int i = 0; i < fields.length; i++) {
            int from = starts[fields[i]];
            int length2 = ends[fields[i]] - from;
            if (size + length2 + 1 > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + length2 + 1));
            }
            System.arraycopy(buffer, from, out, size, length2);
            size += length2;
            out[size++] = (byte) (i == fields.length - 1 ? '\n' : '\t');
        }
        next.accept(out, 0, size);
    }
}
