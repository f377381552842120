package dev.doppel.postgres;

import dev.doppel.core.schema.TableName;

/** Quoting for identifiers and literals in generated SQL. */
final class Sql {
    private Sql() {}

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    static String qualified(TableName table) {
        return qualified(table.schema(), table.name());
    }

    static String literal(String text) {
        return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
    }
}
