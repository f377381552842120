package dev.doppel.postgres;

import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.schema.ForeignKey;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.schema.ValueConstraint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads what pre-flight checks masked values against, in the pinned snapshot: foreign keys between
 * tables, single-column CHECK constraints, the CHECK constraints of domain-typed columns, and the
 * labels of enum-typed columns. Partitions are left out: their parent carries the constraints.
 */
final class PostgresConstraintsReader {
    private static final String COPIED_TABLE = "c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + Catalog.USER_SCHEMA;
    private static final String COLUMN_NAMES = "ARRAY(SELECT a.attname FROM unnest(%s) WITH ORDINALITY k(num, ord)"
            + " JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.num ORDER BY k.ord)";

    private final Connection connection;

    PostgresConstraintsReader(Connection connection) {
        this.connection = connection;
    }

    List<ForeignKey> foreignKeys() throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        String sql = "SELECT con.conname, n.nspname, c.relname, rn.nspname, rc.relname, "
                + String.format(COLUMN_NAMES, "con.conkey", "con.conrelid") + ", "
                + String.format(COLUMN_NAMES, "con.confkey", "con.confrelid")
                + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
                + " WHERE con.contype = 'f' AND con.conparentid = 0 AND " + COPIED_TABLE
                + " ORDER BY n.nspname, c.relname, con.conname";
        Jdbc.query(connection, sql, row -> keys.add(new ForeignKey(row.getString(1),
                new TableName(row.getString(2), row.getString(3)), strings(row.getArray(6)),
                new TableName(row.getString(4), row.getString(5)), strings(row.getArray(7)))));
        return keys;
    }

    List<ValueConstraint> valueConstraints() throws SQLException {
        List<ValueConstraint> constraints = new ArrayList<>();
        Jdbc.query(connection, "SELECT n.nspname, c.relname, a.attname, con.conname, pg_get_constraintdef(con.oid)"
                + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]"
                + " WHERE con.contype = 'c' AND cardinality(con.conkey) = 1 AND " + COPIED_TABLE
                + " ORDER BY n.nspname, c.relname, con.conname",
                row -> constraints.add(ValueConstraint.check(new TableName(row.getString(1), row.getString(2)),
                        row.getString(3), row.getString(4), row.getString(5))));
        Jdbc.query(connection, "SELECT n.nspname, c.relname, a.attname, 'domain ' || format_type(t.oid, NULL) || ' '"
                + " || con.conname, pg_get_constraintdef(con.oid)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_type t ON t.oid = a.atttypid AND t.typtype = 'd'"
                + " JOIN pg_constraint con ON con.contypid = t.oid AND con.contype = 'c'"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND " + COPIED_TABLE
                + " ORDER BY n.nspname, c.relname, a.attnum, con.conname",
                row -> constraints.add(ValueConstraint.check(new TableName(row.getString(1), row.getString(2)),
                        row.getString(3), row.getString(4), row.getString(5))));
        Jdbc.query(connection, "SELECT n.nspname, c.relname, a.attname, 'enum ' || format_type(e.oid, NULL),"
                + " ARRAY(SELECT l.enumlabel FROM pg_enum l WHERE l.enumtypid = e.oid ORDER BY l.enumsortorder)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_type t ON t.oid = a.atttypid"
                + " JOIN pg_type e ON e.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END AND e.typtype = 'e'"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND " + COPIED_TABLE
                + " ORDER BY n.nspname, c.relname, a.attnum",
                row -> constraints.add(ValueConstraint.enumeration(new TableName(row.getString(1), row.getString(2)),
                        row.getString(3), row.getString(4), strings(row.getArray(5)))));
        return constraints;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
