package dev.doppel.mysql;

import dev.doppel.core.engine.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Ends the sessions whose current database is one of some schemas, as {@code --terminate} asks:
 * every row of {@code information_schema.PROCESSLIST} with that {@code DB} but this session and
 * the server's own threads (event scheduler, replication). The account sees only its own sessions
 * without the PROCESS privilege, and may end other accounts' sessions only with CONNECTION ADMIN
 * (MariaDB), CONNECTION_ADMIN (MySQL 8) or SUPER. A session whose current database is another one
 * is not seen, even when its open transaction holds locks on the schemas' tables.
 */
final class MySqlSessions {
    private static final int UNKNOWN_THREAD = 1094;

    private MySqlSessions() {}

    /** @return how many sessions were ended */
    static int end(Connection connection, Collection<String> schemas) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (String schema : schemas) {
            Jdbc.query(connection, "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()"
                    + " AND USER NOT IN ('system user', 'event_scheduler')"
                    + " AND COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Binlog Dump GTID', 'Killed')",
                    row -> ids.add(row.getLong(1)), schema);
        }
        int ended = 0;
        try (Statement statement = connection.createStatement()) {
            for (long id : ids) {
                try {
                    statement.execute("KILL CONNECTION " + id);
                    ended++;
                } catch (SQLException e) {
                    if (e.getErrorCode() != UNKNOWN_THREAD) {
                        throw e;
                    }
                }
            }
        }
        return ended;
    }
}
