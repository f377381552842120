package dev.doppel.mysql;

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
 * from its {@code SHOW CREATE} with the DEFINER clause removed and the source database's name
 * taken out of its header. Routines, triggers and events run under the sql_mode they were
 * created with; events are created disabled, so that a copy never starts production's jobs.
 */
final class MySqlObjectsReader {
    private static final Pattern BACKTICKED = Pattern.compile("`((?:[^`]|``)+)`");

    private final Connection connection;
    private final String database;
    private final List<String> warnings;

    MySqlObjectsReader(Connection connection, String database, List<String> warnings) {
        this.connection = connection;
        this.database = database;
        this.warnings = warnings;
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

    void routines(List<DdlStatement> pre) throws SQLException {
        List<String[]> routines = new ArrayList<>();
        Catalog.query(connection, "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?"
                + " ORDER BY ROUTINE_TYPE, ROUTINE_NAME", row -> routines.add(new String[] {row.getString(1), row.getString(2)}),
                database);
        for (String[] routine : routines) {
            String type = routine[0].toUpperCase(Locale.ROOT);
            String object = type.toLowerCase(Locale.ROOT) + " " + database + "." + routine[1];
            if (!type.equals("PROCEDURE") && !type.equals("FUNCTION")) {
                warnings.add(object + " is not copied: doppel copies procedures and functions, not " + type.toLowerCase(Locale.ROOT) + "s");
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
                warnings.add(object + " is not copied: the source account may not read its definition. Grant it SHOW_ROUTINE"
                        + " (MySQL 8.0.20+), SHOW CREATE ROUTINE (MariaDB 11.3+) or SELECT on mysql.proc");
                continue;
            }
            String create = SqlRewrite.unqualified(SqlRewrite.withoutDefiner(show[1], SqlRewrite.ROUTINE_BODY), database,
                    SqlRewrite.ROUTINE_BODY);
            pre.add(new DdlStatement(Phase.PRE_DATA, object, SqlRewrite.underMode(show[0], null, create), Set.of()));
        }
    }

    void views(List<DdlStatement> pre, Set<TableName> tables) throws SQLException {
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
                warnings.add(object + " is not copied: the source account may not read its definition; grant it SHOW VIEW");
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
            pre.add(new DdlStatement(Phase.PRE_DATA, object, create, needs));
        }
    }

    void triggers(List<DdlStatement> post) throws SQLException {
        List<String[]> triggers = new ArrayList<>();
        Catalog.query(connection, "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
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
                warnings.add(object + " is not copied: the source account may not read its definition; grant it TRIGGER");
                continue;
            }
            String create = SqlRewrite.unqualified(SqlRewrite.withoutDefiner(show[1], SqlRewrite.TRIGGER_BODY), database,
                    SqlRewrite.TRIGGER_BODY);
            post.add(new DdlStatement(Phase.POST_DATA, object, SqlRewrite.underMode(show[0], null, create),
                    Set.of(new TableName(database, trigger[1]))));
        }
    }

    void events(List<DdlStatement> post) throws SQLException {
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
                warnings.add(object + " is not copied: the source account may not read its definition; grant it EVENT");
                continue;
            }
            String create = SqlRewrite.disabledEvent(SqlRewrite.unqualified(
                    SqlRewrite.withoutDefiner(show[2], SqlRewrite.EVENT_BODY), database, SqlRewrite.EVENT_BODY));
            post.add(new DdlStatement(Phase.POST_DATA, object + " (disabled)", SqlRewrite.underMode(show[0], show[1], create),
                    Set.of(), true));
        }
    }

    private List<String> names(String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        Catalog.query(connection, sql, row -> names.add(row.getString(1)), database);
        return names;
    }
}
