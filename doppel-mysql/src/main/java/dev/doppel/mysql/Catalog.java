package dev.doppel.mysql;

import dev.doppel.core.engine.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Catalog reads that the JDBC helpers in core do not cover. */
final class Catalog {
    private Catalog() {}

    /** Hands the first row of a SHOW CREATE statement to the handler, if there is one. */
    static void showCreate(Connection connection, String sql, Jdbc.RowHandler handler) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            try (ResultSet rows = statement.executeQuery(sql)) {
                if (rows.next()) {
                    handler.row(rows);
                }
            }
        }
    }
}
