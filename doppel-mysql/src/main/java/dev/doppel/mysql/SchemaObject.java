package dev.doppel.mysql;

import dev.doppel.core.schema.DdlStatement;
import java.util.Locale;

/**
 * A view, trigger, routine or event of a schema: what it is, its name, and the statement that
 * creates it in whichever schema is the current one (as {@link MySqlObjectsReader} writes it).
 */
record SchemaObject(Kind kind, String name, DdlStatement create) {
    /** The kinds, in the order a schema's objects are created: routines before the views that call them. */
    enum Kind {
        PROCEDURE, FUNCTION, VIEW, TRIGGER, EVENT;

        /** Routine and event names are not case-sensitive on any platform; view and trigger names may be. */
        boolean ignoresCase() {
            return this == PROCEDURE || this == FUNCTION || this == EVENT;
        }
    }

    String drop(String schema) {
        return "DROP " + kind + " IF EXISTS " + Sql.ident(schema) + "." + Sql.ident(name);
    }

    /** True when creating {@code other} replaces this object. */
    boolean sameName(SchemaObject other) {
        return kind == other.kind && (kind.ignoresCase() ? name.equalsIgnoreCase(other.name) : name.equals(other.name));
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + name;
    }
}
