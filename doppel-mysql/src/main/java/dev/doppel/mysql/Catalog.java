package dev.doppel.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Small helpers for catalog queries. */
final class Catalog {
    private Catalog() {}

    interface RowHandler {
        void row(ResultSet row) throws SQLException;
    }

    static void query(Connection connection, String sql, RowHandler handler, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.row(rows);
                }
            }
        }
    }

    /** Hands the first row of a SHOW CREATE statement to the handler, if there is one. */
    static void showCreate(Connection connection, String sql, RowHandler handler) throws SQLException {
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
