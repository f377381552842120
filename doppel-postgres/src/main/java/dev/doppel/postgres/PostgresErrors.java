package dev.doppel.postgres;

import dev.doppel.core.error.Redactor;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a PostgreSQL error into a message safe to show: the server's primary message and
 * SQLSTATE, never its DETAIL (which quotes key values) and never a value quoted by a data error.
 */
final class PostgresErrors {
    private PostgresErrors() {}

    static String describe(SQLException e) {
        String state = e.getSQLState();
        String message;
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            message = server.getMessage();
        } else {
            message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        }
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            message = message.replaceAll(":\\s*\".*$", ": \"…\"").replaceAll(":\\s*'.*$", ": '…'");
        }
        return Redactor.message(message) + (state == null ? "" : " [SQLSTATE " + state + "]");
    }

    /**
     * True when trying again may succeed: the connection broke or the server is restarting or
     * failing over (class 08, 57P01–57P03), a serialization failure or deadlock (40001, 40P01),
     * too many connections (53300). Authentication, syntax and constraint errors are permanent.
     */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("40001") || state.equals("40P01") || state.equals("53300")
                        || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when an object the statement creates is there already (a resumed run repeating its last step). */
    static boolean isAlreadyThere(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("42P07") || state.equals("42710") || state.equals("42P06")
                || state.equals("42723") || state.equals("42P16"));
    }

    /** True when the statement failed only because something it needs does not exist yet. */
    static boolean isMissingDependency(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("42P01") || state.equals("42704") || state.equals("42883")
                || state.equals("3F000") || state.equals("42P10"));
    }
}
