package dev.doppel.core.engine.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Small helpers for the catalog and bookkeeping queries of engines that speak JDBC. */
public final class Jdbc {
    private Jdbc() {}

    /** Takes one row of a result; the row is only valid during the call. */
    public interface RowHandler {
        void row(ResultSet row) throws SQLException;
    }

    /** Runs a query with its parameters bound in order, handing each row to the handler. */
    public static void query(Connection connection, String sql, RowHandler handler, Object... parameters)
            throws SQLException {
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
}
