package dev.doppel.mysql;

import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.DdlStatement.Phase;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects around the tables: sequences (MariaDB), routines, views, triggers and events, each
 * from its {@code SHOW CREATE} with the DEFINER clause removed and the database's name taken out
 * of its header, so that the statement creates the object in whichever database is current.
 * Routines, triggers and events run under the sql_mode they were created with; a copy's events
 * are created disabled, so that it never starts production's jobs.
 *
 * <p>{@code SHOW CREATE VIEW} qualifies the tables of a database other than the current one, so
 * view bodies carry no database name only when the connection's current database is the one read.
 */
final class MySqlObjectsReader {
    private static final Pattern BACKTICKED = Pattern.compile("`((?:[^`]|``)+)`");

    private final Connection connection;
    private final String database;
    private final List<String> warnings;

    private final String skipped;
    private final String account;

    /** A reader for a copy: what it cannot read is left out, with a warning. */
    MySqlObjectsReader(Connection connection, String database, List<String> warnings) {
        this(connection, database, warnings, "is not copied", "source account");
    }

    /**
     * @param skipped what happens to an object that cannot be read, for the warnings
     * @param account whose privileges are missing then, for the warnings
     */
    MySqlObjectsReader(Connection connection, String database, List<String> warnings, String skipped, String account) {
        this.connection = connection;
        this.database = database;
        this.warnings = warnings;
        this.skipped = skipped;
        this.account = account;
    }

    private String unreadable(String object, String grant) {
        return object + " " + skipped + ": the " + account + " may not read its definition; grant it " + grant;
    }

    void sequences(List<DdlStatement> pre, List<DdlStatement> post) throws SQLException {
        for (String name : names("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE = 'SEQUENCE' ORDER BY TABLE_NAME")) {
            TableName sequence = new TableName(database, name);
            String[] create = new String[1];
            Catalog.showCreate(connection, "SHOW CREATE SEQUENCE " + Sql.qualified(sequence), row -> create[0] = row.getString(2));
            pre.add(new DdlStatement(Phase.PRE_DATA, "sequence " + sequence, create[0], Set.of()));
            Catalog.showCreate(connection, "SELECT next_not_cached_value FROM " + Sql.qualified(sequence), row ->
                    post.add(new DdlStatement(Phase.POST_DATA, "position of sequence " + sequence, "ALTER SEQUENCE "
                            + Sql.ident(name) + " RESTART WITH " + row.getLong(1), Set.of())));
        }
    }

    List<SchemaObject> routines() throws SQLException {
        List<SchemaObject> found = new ArrayList<>();
        List<String[]> routines = new ArrayList<>();
        Jdbc.query(connection, "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?"
                + " ORDER BY ROUTINE_TYPE, ROUTINE_NAME", row -> routines.add(new String[] {row.getString(1), row.getString(2)}),
                database);
        for (String[] routine : routines) {
            String type = routine[0].toUpperCase(Locale.ROOT);
            String object = type.toLowerCase(Locale.ROOT) + " " + database + "." + routine[1];
            if (!type.equals("PROCEDURE") && !type.equals("FUNCTION")) {
                warnings.add(object + " " + skipped + ": doppel copies procedures and functions, not "
                        + type.toLowerCase(Locale.ROOT) + "s");
                continue;
            }
            String[] show = new String[2];
            try {
                Catalog.showCreate(connection, "SHOW CREATE " + type + " " + Sql.ident(database) + "." + Sql.ident(routine[1]),
                        row -> {
                            show[0] = row.getString(2);
                            show[1] = row.getString(3);
                        });
            } catch (SQLException e) {
                if (!MySqlErrors.isAccessDenied(e)) {
                    throw e;
                }
            }
            if (show[1] == null) {
                warnings.add(unreadable(object, "SHOW_ROUTINE (MySQL 8.0.20+), SHOW CREATE ROUTINE (MariaDB 11.3+) or SELECT on"
                        + " mysql.proc"));
                continue;
            }
            String create = SqlRewrite.unqualified(SqlRewrite.withoutDefiner(show[1], SqlRewrite.ROUTINE_BODY), database,
                    SqlRewrite.ROUTINE_BODY);
            found.add(new SchemaObject(SchemaObject.Kind.valueOf(type), routine[1], new DdlStatement(Phase.PRE_DATA, object,
                    SqlRewrite.underMode(show[0], null, create), Set.of())));
        }
        return found;
    }

    /** @param tables the tables a view may depend on, to name them in its statement */
    List<SchemaObject> views(Set<TableName> tables) throws SQLException {
        List<SchemaObject> found = new ArrayList<>();
        Set<String> tableNames = new HashSet<>();
        tables.forEach(t -> tableNames.add(t.name()));
        for (String name : names("SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
            String object = "view " + database + "." + name;
            String[] show = new String[1];
            try {
                Catalog.showCreate(connection, "SHOW CREATE VIEW " + Sql.ident(database) + "." + Sql.ident(name),
                        row -> show[0] = row.getString(2));
            } catch (SQLException e) {
                if (!MySqlErrors.isAccessDenied(e)) {
                    throw e;
                }
            }
            if (show[0] == null) {
                warnings.add(unreadable(object, "SHOW VIEW"));
                continue;
            }
            String create = SqlRewrite.unqualified(SqlRewrite.withoutDefiner(show[0], SqlRewrite.VIEW_BODY), database,
                    SqlRewrite.VIEW_BODY);
            Set<TableName> needs = new HashSet<>();
            Matcher m = BACKTICKED.matcher(create);
            while (m.find()) {
                String identifier = m.group(1).replace("``", "`");
                if (tableNames.contains(identifier)) {
                    needs.add(new TableName(database, identifier));
                }
            }
            found.add(new SchemaObject(SchemaObject.Kind.VIEW, name, new DdlStatement(Phase.PRE_DATA, object, create, needs)));
        }
        return found;
    }

    List<SchemaObject> triggers() throws SQLException {
        List<SchemaObject> found = new ArrayList<>();
        List<String[]> triggers = new ArrayList<>();
        Jdbc.query(connection, "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER",
                row -> triggers.add(new String[] {row.getString(1), row.getString(2)}), database);
        for (String[] trigger : triggers) {
            String object = "trigger " + database + "." + trigger[0];
            String[] show = new String[2];
            Catalog.showCreate(connection, "SHOW CREATE TRIGGER " + Sql.ident(database) + "." + Sql.ident(trigger[0]), row -> {
                show[0] = row.getString(2);
                show[1] = row.getString(3);
            });
            if (show[1] == null) {
                warnings.add(unreadable(object, "TRIGGER"));
                continue;
            }
            String create = SqlRewrite.unqualified(SqlRewrite.withoutDefiner(show[1], SqlRewrite.TRIGGER_BODY), database,
                    SqlRewrite.TRIGGER_BODY);
            found.add(new SchemaObject(SchemaObject.Kind.TRIGGER, trigger[0], new DdlStatement(Phase.POST_DATA, object,
                    SqlRewrite.underMode(show[0], null, create), Set.of(new TableName(database, trigger[1])))));
        }
        return found;
    }

    /** @param disabled created disabled, as a copy's are; otherwise with the status they have */
    List<SchemaObject> events(boolean disabled) throws SQLException {
        List<SchemaObject> found = new ArrayList<>();
        for (String name : names("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY EVENT_NAME")) {
            String object = "event " + database + "." + name;
            String[] show = new String[3];
            try {
                Catalog.showCreate(connection, "SHOW CREATE EVENT " + Sql.ident(database) + "." + Sql.ident(name), row -> {
                    show[0] = row.getString(2);
                    show[1] = row.getString(3);
                    show[2] = row.getString(4);
                });
            } catch (SQLException e) {
                if (!MySqlErrors.isAccessDenied(e)) {
                    throw e;
                }
            }
            if (show[2] == null) {
                warnings.add(unreadable(object, "EVENT"));
                continue;
            }
            String create = SqlRewrite.unqualified(SqlRewrite.withoutDefiner(show[2], SqlRewrite.EVENT_BODY), database,
                    SqlRewrite.EVENT_BODY);
            found.add(new SchemaObject(SchemaObject.Kind.EVENT, name, new DdlStatement(Phase.POST_DATA,
                    disabled ? object + " (disabled)" : object,
                    SqlRewrite.underMode(show[0], show[1], disabled ? SqlRewrite.disabledEvent(create) : create), Set.of(), true)));
        }
        return found;
    }

    private List<String> names(String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        Jdbc.query(connection, sql, row -> names.add(row.getString(1)), database);
        return names;
    }
}
