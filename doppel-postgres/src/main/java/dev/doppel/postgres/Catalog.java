package dev.doppel.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Small helpers for catalog queries. */
final class Catalog {
    /** Schemas that belong to the user, not to PostgreSQL. {@code n} is the pg_namespace alias. */
    static final String USER_SCHEMA = "n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

    private Catalog() {}

    /** True when the object is not a member of an extension (which CREATE EXTENSION brings along). */
    static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend ext WHERE ext.classid = '" + catalog + "'::regclass AND ext.objid = "
                + oid + " AND ext.deptype = 'e')";
    }

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
}
