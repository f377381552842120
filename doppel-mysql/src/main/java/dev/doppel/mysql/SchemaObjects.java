package dev.doppel.mysql;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.DdlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What RENAME TABLE cannot carry from one schema to another: views (they cannot change schema,
 * ER_FORBID_SCHEMA_CHANGE), triggers (a table that has any cannot change schema,
 * ER_TRG_IN_WRONG_SCHEMA), and routines and events, which belong to the schema rather than to a
 * table. Read from one schema as statements that create them in any other, in the order that
 * creates them: routines, views, triggers, events.
 */
record SchemaObjects(List<SchemaObject> all) {
    static final SchemaObjects NONE = new SchemaObjects(List.of());

    SchemaObjects {
        all = List.copyOf(all);
    }

    /**
     * Reads a schema's objects, events with the status they have. The session's current database
     * becomes the schema, so that view bodies name none.
     *
     * @throws DoppelException when one cannot be read: it could not be created again
     */
    static SchemaObjects read(Connection connection, String schema) throws SQLException {
        connection.setCatalog(schema);
        List<String> unreadable = new ArrayList<>();
        MySqlObjectsReader reader = new MySqlObjectsReader(connection, schema, unreadable, "cannot be moved",
                "restoring account");
        List<SchemaObject> all = new ArrayList<>(reader.routines());
        all.addAll(reader.views(Set.of()));
        all.addAll(reader.triggers());
        all.addAll(reader.events(false));
        if (!unreadable.isEmpty()) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot swap " + schema + ": RENAME TABLE cannot carry its"
                    + " views, triggers, routines and events, so they are created again, and " + String.join("; ", unreadable)
                    + ". Nothing was changed.");
        }
        return new SchemaObjects(all);
    }

    Stream<SchemaObject> of(SchemaObject.Kind kind) {
        return all.stream().filter(o -> o.kind() == kind);
    }

    boolean has(SchemaObject object) {
        return all.stream().anyMatch(object::sameName);
    }

    SchemaObjects plus(SchemaObjects other) {
        return new SchemaObjects(Stream.concat(all.stream(), other.all.stream()).toList());
    }

    /** The same objects with their events disabled, for a retired generation, which should run no jobs. */
    SchemaObjects retired() {
        return new SchemaObjects(all.stream().map(o -> o.kind() != SchemaObject.Kind.EVENT ? o
                : new SchemaObject(o.kind(), o.name(), new DdlStatement(o.create().phase(), o.create().object() + " (disabled)",
                        SqlRewrite.disabledEvent(o.create().sql()), o.create().dependsOn(), o.create().optional()))).toList());
    }
}
