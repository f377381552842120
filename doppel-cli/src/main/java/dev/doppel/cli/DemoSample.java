package dev.doppel.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's deliberate before/after view of generated sample rows. This is the only place
 * doppel prints row values, and only of data the demo itself generated.
 */
final class DemoSample {
    private static final String QUERY = "SELECT c.id, c.full_name, c.email, c.phone, c.address, c.birth_date::text,"
            + " (SELECT o.note FROM shop.orders o WHERE o.customer_id = c.id AND o.note IS NOT NULL ORDER BY o.id LIMIT 1)"
            + " FROM shop.customers c ORDER BY c.id LIMIT ";
    private static final String[] LABELS = {"full_name", "email", "phone", "address", "birth_date", "order note"};

    private DemoSample() {}

    static void print(PrintWriter out, EmbeddedPostgres server, int rows) throws SQLException {
        List<String[]> before = read(server, "production", rows);
        List<String[]> after = read(server, "staging", rows);
        out.println("Sample rows of shop.customers — production (before) → staging (after):");
        for (int r = 0; r < before.size(); r++) {
            out.println("  customer " + before.get(r)[0]);
            for (int c = 0; c < LABELS.length; c++) {
                out.printf(Locale.ROOT, "    %-11s %-42s → %s%n", LABELS[c], show(before.get(r)[c + 1]), show(after.get(r)[c + 1]));
            }
        }
        out.println();
    }

    private static String show(String value) {
        return value == null ? "NULL" : value.length() > 40 ? value.substring(0, 39) + "…" : value;
    }

    private static List<String[]> read(EmbeddedPostgres server, String database, int rows) throws SQLException {
        List<String[]> result = new ArrayList<>();
        try (Connection connection = server.getDatabase("postgres", database).getConnection();
             Statement statement = connection.createStatement();
             ResultSet set = statement.executeQuery(QUERY + rows)) {
            while (set.next()) {
                String[] row = new String[LABELS.length + 1];
                for (int i = 0; i < row.length; i++) {
                    row[i] = set.getString(i + 1);
                }
                result.add(row);
            }
        }
        return result;
    }
}
