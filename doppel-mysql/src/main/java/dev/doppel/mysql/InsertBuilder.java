package dev.doppel.mysql;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.schema.Column;
import dev.doppel.core.text.RowText;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds multi-row INSERT statements from rows in {@link RowText} form, for targets that refuse
 * LOAD DATA LOCAL INFILE and for SQL scripts. Values become quoted literals (the server converts
 * them as LOAD DATA would); {@code \x}-hex values of binary, BIT and spatial columns become
 * {@code X'…'} literals. A statement is full at about 1 MB of UTF-8, well below every server's
 * {@code max_allowed_packet} default (4 MB on MySQL 5.7); a single bigger row makes a bigger one.
 */
final class InsertBuilder {
    private static final int STATEMENT_BYTES = 1 << 20;

    private final String prefix;
    private final boolean[] hex;
    private final int[] starts;
    private final int[] ends;
    private final StringBuilder sql = new StringBuilder(STATEMENT_BYTES + 4096);
    private int rows;
    private int nonAsciiBytes;

    InsertBuilder(TableCopy copy) {
        this(copy.table().name().name(), copy.columns());
    }

    /** @param table the table's name, unqualified: it is in the session's current database */
    InsertBuilder(String table, List<Column> columns) {
        this.prefix = "INSERT INTO " + Sql.ident(table) + " ("
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
        int from = sql.length();
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
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c >= 0x80) {
                nonAsciiBytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
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
        return sql.length() + nonAsciiBytes >= STATEMENT_BYTES;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    /** The statement so far; the builder starts over. */
    String take() {
        String statement = sql.toString();
        sql.setLength(0);
        rows = 0;
        nonAsciiBytes = 0;
        return statement;
    }
}
