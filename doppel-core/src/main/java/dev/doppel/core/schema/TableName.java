package dev.doppel.core.schema;

import java.util.Comparator;

/** A table's qualified name: {@code schema.table} (for MySQL the schema is the database). */
public record TableName(String schema, String name) implements Comparable<TableName> {
    private static final Comparator<TableName> ORDER =
            Comparator.comparing(TableName::schema).thenComparing(TableName::name);

    /** Parses {@code schema.table}; returns null when the text has no schema part. */
    public static TableName parse(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            return null;
        }
        return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public int compareTo(TableName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
