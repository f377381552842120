package dev.doppel.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's deliberate before/after view of generated sample rows. This is the only place
 * doppel prints row values, and only of data the demo itself generated. The same rows (by key)
 * are read from both databases.
 */
final class DemoSample {
    private static final String[] LABELS = {"full_name", "email", "phone", "address", "birth_date", "order note", "gift_to"};
    private static final String CUSTOMER = "SELECT full_name, email, phone, address, birth_date::text FROM shop.customers WHERE id = ?";
    private static final String ORDER = "SELECT note, items -> 0 ->> 'gift_to' FROM shop.orders WHERE id = ?";

    private DemoSample() {}

    /** A customer and two of their orders: one with a note, one with a gift recipient in its JSON. */
    private record Sample(long customer, long noteOrder, long giftOrder) {}

    static void print(PrintWriter out, int port, int rows) throws SQLException {
        List<Sample> samples = pick(port, rows);
        out.println("Sample rows — production (before) → staging (after):");
        for (Sample sample : samples) {
            String[] before = read(port, "production", sample);
            String[] after = read(port, "staging", sample);
            out.println("  customer " + sample.customer());
            for (int c = 0; c < LABELS.length; c++) {
                out.printf(Locale.ROOT, "    %-11s %-46s → %s%n", LABELS[c], show(before[c]), show(after[c]));
            }
        }
        out.println();
    }

    private static List<Sample> pick(int port, int rows) throws SQLException {
        List<Sample> samples = new ArrayList<>();
        try (Connection connection = DemoCommand.connect(port, "production");
             PreparedStatement statement = connection.prepareStatement("SELECT c.id,"
                     + " (SELECT min(o.id) FROM shop.orders o WHERE o.customer_id = c.id AND o.note LIKE '%@%' OR"
                     + "  o.customer_id = c.id AND o.note LIKE '%call%'),"
                     + " (SELECT min(o.id) FROM shop.orders o WHERE o.customer_id = c.id AND o.items::text LIKE '%gift_to%')"
                     + " FROM shop.customers c ORDER BY c.id LIMIT ?")) {
            statement.setInt(1, rows);
            try (ResultSet set = statement.executeQuery()) {
                while (set.next()) {
                    samples.add(new Sample(set.getLong(1), set.getLong(2), set.getLong(3)));
                }
            }
        }
        return samples;
    }

    private static String[] read(int port, String database, Sample sample) throws SQLException {
        String[] values = new String[LABELS.length];
        try (Connection connection = DemoCommand.connect(port, database);
             PreparedStatement customer = connection.prepareStatement(CUSTOMER);
             PreparedStatement order = connection.prepareStatement(ORDER)) {
            customer.setLong(1, sample.customer());
            try (ResultSet set = customer.executeQuery()) {
                if (set.next()) {
                    for (int i = 0; i < 5; i++) {
                        values[i] = set.getString(i + 1);
                    }
                }
            }
            values[5] = orderValue(order, sample.noteOrder(), 1);
            values[6] = orderValue(order, sample.giftOrder(), 2);
        }
        return values;
    }

    private static String orderValue(PreparedStatement order, long id, int column) throws SQLException {
        if (id == 0) {
            return null;
        }
        order.setLong(1, id);
        try (ResultSet set = order.executeQuery()) {
            return set.next() ? set.getString(column) : null;
        }
    }

    private static String show(String value) {
        return value == null ? "NULL" : value.length() > 46 ? value.substring(0, 45) + "…" : value;
    }
}
