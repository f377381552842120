package dev.doppel.core.text;

/** {@link RowText} as a {@link RowFormat}: a field's bytes are its text form, escaped. */
final class TextRowFormat implements RowFormat {
    @Override
    public void split(byte[] buffer, int offset, int length, int[] starts, int[] ends) {
        int end = offset + length;
        if (length > 0 && buffer[end - 1] == RowText.END) {
            end--;
        }
        int field = 0;
        starts[0] = offset;
        for (int i = RowText.nextDelimiter(buffer, offset, end); i < end; i = RowText.nextDelimiter(buffer, i + 1, end)) {
            if (field + 1 >= starts.length) {
                throw new RowMasker.MalformedRowException(starts.length, field + 2 + countDelimiters(buffer, i + 1, end));
            }
            ends[field] = i;
            starts[++field] = i + 1;
        }
        ends[field] = end;
        if (field + 1 != starts.length) {
            throw new RowMasker.MalformedRowException(starts.length, field + 1);
        }
    }

    private static int countDelimiters(byte[] buffer, int from, int end) {
        int count = 0;
        for (int i = RowText.nextDelimiter(buffer, from, end); i < end; i = RowText.nextDelimiter(buffer, i + 1, end)) {
            count++;
        }
        return count;
    }

    @Override
    public boolean isNull(byte[] buffer, int start, int end) {
        return RowText.isNull(buffer, start, end);
    }

    @Override
    public String decode(int field, byte[] buffer, int start, int end) {
        return RowText.decode(buffer, start, end);
    }

    @Override
    public void beginRow(ByteSink out) {}

    @Override
    public void copyField(int field, byte[] buffer, int start, int end, ByteSink out) {
        if (field > 0) {
            out.write(RowText.DELIMITER);
        }
        out.write(buffer, start, end - start);
    }

    @Override
    public void writeValue(int field, String value, ByteSink out) {
        if (field > 0) {
            out.write(RowText.DELIMITER);
        }
        RowText.encode(value, out);
    }

    @Override
    public void endRow(ByteSink out) {
        out.write(RowText.END);
    }

    @Override
    public String name() {
        return "text";
    }
}
