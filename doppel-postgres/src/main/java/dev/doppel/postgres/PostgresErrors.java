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

    /** True when the statement failed only because something it needs does not exist yet. */
    static boolean isMissingDependency(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("42P01") || state.equals("42704") || state.equals("42883")
                || state.equals("3F000") || state.equals("42P10"));
    }
}
