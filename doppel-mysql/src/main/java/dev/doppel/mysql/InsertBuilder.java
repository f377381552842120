package dev.doppel.mysql;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.schema.Column;
import dev.doppel.core.text.RowText;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds multi-row INSERT statements from rows in {@link RowText} form, for targets that refuse
 * LOAD DATA LOCAL INFILE. Values become quoted literals (the server converts them as LOAD DATA
 * would); {@code \x}-hex values of binary, BIT and spatial columns become {@code X'…'} literals.
 */
final class InsertBuilder {
    /** Statement size at which a batch is sent: well below every server's max_allowed_packet default. */
    private static final int STATEMENT_CHARS = 1 << 20;

    private final String prefix;
    private final boolean[] hex;
    private final int[] starts;
    private final int[] ends;
    private final StringBuilder sql = new StringBuilder(STATEMENT_CHARS + 4096);
    private int rows;

    InsertBuilder(TableCopy copy) {
        List<Column> columns = copy.columns();
        this.prefix = "INSERT INTO " + Sql.ident(copy.table().name().name()) + " ("
                + columns.stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", ")) + ") VALUES ";
        this.hex = new boolean[columns.size()];
        for (int i = 0; i < hex.length; i++) {
            hex[i] = MySqlTypes.isHex(MySqlTypes.dataType(columns.get(i).nativeType()));
        }
        this.starts = new int[hex.length];
        this.ends = new int[hex.length];
    }

    /** Adds the row {@code [start, end)} (without its line feed). */
    void add(byte[] buffer, int start, int end) {
        split(buffer, start, end);
        sql.append(rows == 0 ? prefix : ",").append('(');
        for (int field = 0; field < hex.length; field++) {
            if (field > 0) {
                sql.append(", ");
            }
            String value = RowText.decode(buffer, starts[field], ends[field]);
            if (value == null) {
                sql.append("NULL");
            } else if (hex[field] && value.startsWith("\\x")) {
                sql.append("X'").append(value, 2, value.length()).append('\'');
            } else {
                sql.append('\'');
                Sql.appendEscaped(value, sql);
                sql.append('\'');
            }
        }
        sql.append(')');
        rows++;
    }

    private void split(byte[] buffer, int start, int end) {
        int field = 0;
        starts[0] = start;
        for (int i = start; i < end; i++) {
            if (buffer[i] == RowText.DELIMITER) {
                if (field + 1 >= starts.length) {
                    throw new IllegalStateException("a row has more fields than the " + starts.length + " columns");
                }
                ends[field] = i;
                starts[++field] = i + 1;
            }
        }
        ends[field] = end;
        if (field + 1 != starts.length) {
            throw new IllegalStateException("a row has " + (field + 1) + " fields where " + starts.length + " were expected");
        }
    }

    boolean full() {
        return sql.length() >= STATEMENT_CHARS;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    /** The statement so far; the builder starts over. */
    String take() {
        String statement = sql.toString();
        sql.setLength(0);
        rows = 0;
        return statement;
    }
}
