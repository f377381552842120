package dev.doppel.postgres;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.text.ByteSink;
import dev.doppel.core.text.RowFormat;
import dev.doppel.core.text.RowMasker.MalformedRowException;
import java.util.Arrays;
import java.util.List;

/**
 * PostgreSQL's binary COPY rows: a 16-bit field count, then per field a 32-bit length (-1 for
 * NULL) and that many bytes, all most significant byte first. The server turns no value into text
 * and parses none back, which is most of what a text COPY costs it. The stream's header and
 * trailer ({@link #headerLength}, {@link #isTrailer}) stay between the reader and the writer; the
 * pipeline sees whole rows only.
 *
 * <p>Taken only by a target of the same major version as the source ({@link #serverMajor}), as
 * binary forms may change between versions. A NULL field is marked by {@code start = end = -1}.
 */
final class BinaryRows implements RowFormat {
    /** The signature, flags (none) and header extension length (zero) that open a binary COPY stream. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The field count of -1 that ends one. */
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final int SIGNATURE_LENGTH = 11;

    private final BinaryField[] fields;
    private final int serverMajor;

    BinaryRows(List<BinaryField> fields, int serverMajor) {
        this.fields = fields.toArray(BinaryField[]::new);
        this.serverMajor = serverMajor;
    }

    int serverMajor() {
        return serverMajor;
    }

    /** The option that makes a COPY of {@code copy} binary, or nothing for a text copy. */
    static String copyOption(TableCopy copy) {
        return copy.isText() ? "" : " (FORMAT binary)";
    }

    /**
     * The length of the header that opens {@code message}, the first message of a binary COPY.
     *
     * @throws MalformedRowException when the message does not start with the binary signature
     */
    static int headerLength(byte[] message) {
        int fixed = SIGNATURE_LENGTH + 8;
        if (message.length < fixed || !Arrays.equals(message, 0, SIGNATURE_LENGTH, HEADER, 0, SIGNATURE_LENGTH)) {
            throw new MalformedRowException("the source's binary COPY stream does not start with its signature");
        }
        return fixed + readInt(message, SIGNATURE_LENGTH + 4);
    }

    /** True when the message holds the trailer from {@code from} on: a field count of -1, which no row has. */
    static boolean isTrailer(byte[] message, int from) {
        return message.length - from >= 2 && readShort(message, from) == -1;
    }

    @Override
    public void split(byte[] buffer, int offset, int length, int[] starts, int[] ends) {
        int end = offset + length;
        if (length < 2) {
            throw new MalformedRowException("a binary row is cut short");
        }
        int count = readShort(buffer, offset);
        if (count != starts.length) {
            throw new MalformedRowException(starts.length, count);
        }
        int at = offset + 2;
        for (int field = 0; field < count; field++) {
            if (at + 4 > end) {
                throw new MalformedRowException("a binary row is cut short");
            }
            int size = readInt(buffer, at);
            at += 4;
            if (size == -1) {
                starts[field] = -1;
                ends[field] = -1;
                continue;
            }
            if (size < 0 || at + size > end) {
                throw new MalformedRowException("a binary row is cut short");
            }
            starts[field] = at;
            ends[field] = at + size;
            at += size;
        }
        if (at != end) {
            throw new MalformedRowException("a binary row has bytes after its last field");
        }
    }

    @Override
    public boolean isNull(byte[] buffer, int start, int end) {
        return start < 0;
    }

    @Override
    public String decode(int field, byte[] buffer, int start, int end) {
        return start < 0 ? null : fields[field].decode(buffer, start, end);
    }

    @Override
    public boolean decodes(int field) {
        return fields[field].decodes();
    }

    @Override
    public void beginRow(ByteSink out) {
        out.writeShort(fields.length);
    }

    @Override
    public void copyField(int field, byte[] buffer, int start, int end, ByteSink out) {
        if (start < 0) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(end - start);
        out.write(buffer, start, end - start);
    }

    @Override
    public void writeValue(int field, String value, ByteSink out) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int at = out.size();
        out.writeInt(0);
        fields[field].encode(value, out);
        out.putInt(at, out.size() - at - 4);
    }

    @Override
    public void endRow(ByteSink out) {}

    static short readShort(byte[] buffer, int at) {
        return (short) ((buffer[at] & 0xff) << 8 | buffer[at + 1] & 0xff);
    }

    static int readInt(byte[] buffer, int at) {
        return (buffer[at] & 0xff) << 24 | (buffer[at + 1] & 0xff) << 16 | (buffer[at + 2] & 0xff) << 8 | buffer[at + 3] & 0xff;
    }

    static long readLong(byte[] buffer, int at) {
        return (long) readInt(buffer, at) << 32 | readInt(buffer, at + 4) & 0xffffffffL;
    }

    @Override
    public String name() {
        return "binary";
    }
}
