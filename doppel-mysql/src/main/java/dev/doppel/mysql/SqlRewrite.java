package dev.doppel.mysql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites of the CREATE statements the server shows, so that a target account without SUPER or
 * SET_USER_ID can run them in another database: the {@code DEFINER} clause is removed (the
 * object's definer becomes the account that creates it), the source database's name is taken out
 * of the statement's header, and events are created disabled.
 */
final class SqlRewrite {
    private static final String QUOTED = "(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")";
    private static final Pattern DEFINER = Pattern.compile(
            "\\s*DEFINER\\s*=\\s*(?:CURRENT_USER(?:\\(\\))?|" + QUOTED + "|[^\\s@]+)(?:\\s*@\\s*(?:" + QUOTED + "|[^\\s(]+))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_STATUS = Pattern.compile(
            "(ON\\s+COMPLETION\\s+(?:NOT\\s+)?PRESERVE\\s+)(ENABLE|DISABLE(?:\\s+ON\\s+(?:SLAVE|REPLICA))?)\\b",
            Pattern.CASE_INSENSITIVE);

    private SqlRewrite() {}

    /**
     * Removes the DEFINER clause from the header of a CREATE VIEW, PROCEDURE, FUNCTION, TRIGGER
     * or EVENT statement (the part before {@code headerEnd}); the body is left alone.
     */
    static String withoutDefiner(String create, Pattern headerEnd) {
        int end = headerEnd(create, headerEnd);
        String header = create.substring(0, end);
        Matcher m = DEFINER.matcher(header);
        if (!m.find()) {
            return create;
        }
        return header.substring(0, m.start()) + header.substring(m.end()) + create.substring(end);
    }

    /** Removes {@code `database`.} qualifiers from the header, so the object lands in the target's database. */
    static String unqualified(String create, String database, Pattern headerEnd) {
        int end = headerEnd(create, headerEnd);
        String header = create.substring(0, end);
        String quoted = Pattern.quote(Sql.ident(database) + ".");
        String plain = "(?<![`\\w$])" + Pattern.quote(database + ".") + "(?=[`\\w$])";
        header = header.replaceAll(quoted, "").replaceAll(plain, "");
        return header + create.substring(end);
    }

    /** The same CREATE EVENT with its status set to DISABLE. */
    static String disabledEvent(String create) {
        Matcher m = EVENT_STATUS.matcher(create);
        return m.find() ? create.substring(0, m.start()) + m.group(1) + "DISABLE" + create.substring(m.end()) : create;
    }

    /** A statement run under the sql_mode (and time zone) its object was created with. */
    static String underMode(String sqlMode, String timeZone, String create) {
        StringBuilder out = new StringBuilder("SET SESSION sql_mode = ").append(Sql.literal(sqlMode == null ? "" : sqlMode));
        if (timeZone != null) {
            out.append(", time_zone = ").append(Sql.literal(timeZone));
        }
        return out.append(";\n").append(create).toString();
    }

    /** A statement as {@link #underMode} wrote it: the session settings (or null) and the CREATE statement. */
    record Moded(String settings, String create) {}

    /** Splits what {@link #underMode} joined, for a client that sends one statement at a time. */
    static Moded splitMode(String statement) {
        int end = statement.indexOf(";\n");
        if (!statement.startsWith("SET SESSION sql_mode = ") || end < 0) {
            return new Moded(null, statement);
        }
        return new Moded(statement.substring(0, end), statement.substring(end + 2));
    }

    private static int headerEnd(String create, Pattern headerEnd) {
        Matcher m = headerEnd.matcher(create);
        return m.find() ? m.start() : create.length();
    }

    /** Where the header of each kind of object ends. */
    static final Pattern VIEW_BODY = Pattern.compile("\\sAS\\s", Pattern.CASE_INSENSITIVE);
    static final Pattern ROUTINE_BODY = Pattern.compile("\\(");
    static final Pattern TRIGGER_BODY = Pattern.compile("\\sFOR\\s+EACH\\s+ROW\\s", Pattern.CASE_INSENSITIVE);
    static final Pattern EVENT_BODY = Pattern.compile("\\sON\\s+SCHEDULE\\s", Pattern.CASE_INSENSITIVE);
}
