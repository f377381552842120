package dev.doppel.mysql;

import dev.doppel.core.error.Redactor;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a MySQL or MariaDB error into a message safe to show: the server's message without the
 * driver's connection prefix, with every value the server quotes from the data replaced by
 * {@code '…'} (duplicate entries, incorrect values), and the error code and SQLSTATE.
 */
final class MySqlErrors {
    /** Local infile refused: by the server (1148, MySQL 3948, MariaDB 4166) or by the client. */
    static final Set<Integer> LOCAL_INFILE_REFUSED = Set.of(1148, 3948, 4166, 2068);
    /** DDL that needs an object that is not there yet: table, view's table, function, FK's parent. */
    private static final Set<Integer> MISSING_DEPENDENCY = Set.of(1146, 1356, 1305, 1824, 1049);
    /** Lost connection, killed connection, deadlock, lock wait timeout, too many connections. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1040, 1203, 1205, 1213, 1927, 2006, 2013);
    /**
     * Creating something that is there already: table or sequence (1050), index (1061), foreign
     * key (1826), routine (1304), trigger (1359), event (1537).
     */
    private static final Set<Integer> ALREADY_THERE = Set.of(1050, 1061, 1826, 1304, 1359, 1537);
    /** Access denied of one kind or another. */
    static final Set<Integer> ACCESS_DENIED = Set.of(1044, 1045, 1142, 1143, 1227, 1370, 1419, 1698, 3530);

    private static final Pattern CONNECTION_PREFIX = Pattern.compile("^\\(conn[=:]\\d+\\)\\s*");
    private static final Pattern QUOTED_VALUE = Pattern.compile(
            "(?i)(entry|value:?|values?|string|data|for)\\s+'(?:[^'\\\\]|\\\\.|'')*'");

    private MySqlErrors() {}

    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        message = CONNECTION_PREFIX.matcher(message).replaceFirst("");
        message = QUOTED_VALUE.matcher(message).replaceAll(m -> m.group(1) + " '…'");
        String state = e.getSQLState();
        String code = e.getErrorCode() > 0 ? "error " + e.getErrorCode() : null;
        String suffix = state == null && code == null ? ""
                : " [" + (code == null ? "" : code) + (code != null && state != null ? ", " : "")
                        + (state == null ? "" : "SQLSTATE " + state) + "]";
        return Redactor.message(message) + suffix;
    }

    /**
     * True when trying again may succeed: the connection broke (class 08, lost connection 2013,
     * server gone 2006, killed 1927), a deadlock or lock wait timeout (1213, 1205, 40001), too
     * many connections (1040, 1203). Authentication, syntax and data errors are permanent.
     */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("40001"))
                        || TRANSIENT_CODES.contains(sql.getErrorCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when the object a statement creates is there already (a resumed run repeating its last
     * step). InnoDB reports a foreign key whose name is taken as error 1005 with errno 121.
     */
    static boolean isAlreadyThere(SQLException e) {
        return ALREADY_THERE.contains(e.getErrorCode())
                || e.getErrorCode() == 1005 && e.getMessage() != null && e.getMessage().contains("errno: 121");
    }

    static boolean isMissingDependency(SQLException e) {
        return MISSING_DEPENDENCY.contains(e.getErrorCode());
    }

    static boolean isAccessDenied(SQLException e) {
        return ACCESS_DENIED.contains(e.getErrorCode()) || "42000".equals(e.getSQLState()) && e.getErrorCode() == 1227;
    }
}
