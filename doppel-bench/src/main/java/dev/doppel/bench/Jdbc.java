package dev.doppel.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's own connections to its server, as an administrator: scripts, and single rows of results. */
record Jdbc(String baseUrl, String user, String password) {
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(baseUrl + database, user, password);
    }

    /** Runs each statement of a script (statements end with a semicolon at the end of a line) in autocommit. */
    void execute(String database, String script) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : script.split(";\\s*\\n")) {
                if (!sql.isBlank()) {
                    statement.execute(sql.strip().replaceAll(";$", ""));
                }
            }
        }
    }

    /** The first row of a query's result, each column as text. */
    List<String> row(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                row.add(rows.getString(i));
            }
            return row;
        }
    }

    String scalar(String database, String sql) throws SQLException {
        return row(database, sql).get(0);
    }
}
