package dev.doppel.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Row counts and content checksums of every user table, to prove a database did not change. */
public final class TableChecksums {
    private TableChecksums() {}

    public static Map<String, String> of(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                     + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                     + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_%'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        Map<String, String> sums = new TreeMap<>();
        for (String table : tables) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(md5(t::text), ''"
                         + " ORDER BY md5(t::text))), '') FROM ONLY " + table + " t")) {
                rows.next();
                sums.put(table, rows.getString(1));
            }
        }
        return sums;
    }

    public static Map<String, Long> counts(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        of(connection).forEach((table, sum) -> counts.put(table, Long.parseLong(sum.substring(0, sum.indexOf(':')))));
        return counts;
    }
}
