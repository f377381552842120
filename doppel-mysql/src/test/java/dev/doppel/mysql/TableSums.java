package dev.doppel.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts and content checksums of every base table of the current database (doppel's own
 * ledger tables left out), to prove that two databases hold the same rows, each exactly once.
 * Values are compared as hex, so no value is ever printed by a failing assertion.
 */
final class TableSums {
    private TableSums() {}

    static Map<String, String> of(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c.TABLE_NAME, c.COLUMN_NAME FROM information_schema.COLUMNS c"
                     + " JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                     + " WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND c.TABLE_NAME NOT LIKE '\\_doppel\\_%'"
                     + " AND c.EXTRA NOT LIKE '%GENERATED%' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION")) {
            while (rows.next()) {
                columns.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        Map<String, String> sums = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : columns.entrySet()) {
            String row = "CONCAT_WS('|', " + String.join(", ", table.getValue().stream()
                    .map(c -> "IFNULL(HEX(" + Sql.ident(c) + "), 'N')").toList()) + ")";
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(" + row + ")), 0), ':',"
                         + " COALESCE(BIT_XOR(CONV(LEFT(MD5(" + row + "), 15), 16, 10)), 0)) FROM " + Sql.ident(table.getKey()))) {
                rows.next();
                sums.put(table.getKey(), rows.getString(1));
            }
        }
        return sums;
    }
}
