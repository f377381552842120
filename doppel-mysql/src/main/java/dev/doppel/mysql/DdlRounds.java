package dev.doppel.mysql;

import dev.doppel.core.schema.DdlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs schema statements on one connection in an order that works: a statement that fails only
 * because something it needs is not there yet (a view on a view created later) is tried again
 * after the others, in rounds, while any round gets further. Each statement starts from doppel's
 * session state, because those of routines, triggers and events set their own sql_mode first.
 */
final class DdlRounds {
    static final String RESET_SESSION = "SET SESSION sql_mode = '" + MySqlConnector.TARGET_SQL_MODE
            + "', time_zone = '+00:00'";

    /** What to do about a statement that failed for another reason: return to go on, throw to stop. */
    interface OnFailure {
        void failed(DdlStatement statement, SQLException e) throws SQLException;
    }

    private DdlRounds() {}

    /** @return the statements still missing something after the last round, in order, with their errors */
    static Map<DdlStatement, SQLException> run(Connection connection, List<DdlStatement> statements, OnFailure onFailure)
            throws SQLException {
        List<DdlStatement> pending = new ArrayList<>(statements);
        Map<DdlStatement, SQLException> missing = new LinkedHashMap<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            missing.clear();
            List<DdlStatement> retry = new ArrayList<>();
            for (DdlStatement statement : pending) {
                try (Statement jdbc = connection.createStatement()) {
                    jdbc.setEscapeProcessing(false);
                    jdbc.execute(RESET_SESSION);
                    jdbc.execute(statement.sql());
                    progress = true;
                } catch (SQLException e) {
                    if (MySqlErrors.isMissingDependency(e)) {
                        retry.add(statement);
                        missing.put(statement, e);
                    } else {
                        onFailure.failed(statement, e);
                        progress = true;
                    }
                }
            }
            pending = retry;
        }
        try (Statement jdbc = connection.createStatement()) {
            jdbc.execute(RESET_SESSION);
        }
        return missing;
    }
}
