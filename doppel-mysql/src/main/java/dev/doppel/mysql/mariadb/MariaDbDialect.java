package dev.doppel.mysql.mariadb;

import dev.doppel.mysql.MySqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB 10.5 and later. Its JSON type is LONGTEXT with a {@code json_valid} check, generated
 * columns are flagged by {@code IS_GENERATED}, system-versioned tables are tables too, it has
 * sequences, and its statement time limit is {@code max_statement_time}.
 */
public final class MariaDbDialect extends MySqlDialect {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern JSON_CHECK = Pattern.compile("^json_valid\\(`((?:[^`]|``)+)`\\)$", Pattern.CASE_INSENSITIVE);

    public MariaDbDialect(String version) {
        super(version);
    }

    @Override
    public String product() {
        return "MariaDB";
    }

    @Override
    protected int[] minimumVersion() {
        return new int[] {10, 5};
    }

    @Override
    public List<String> sessionSettings() {
        return List.of("SET SESSION max_statement_time = 0");
    }

    /**
     * MariaDB (10.2.7+) writes {@code COLUMN_DEFAULT} as SQL: a string literal quoted
     * ({@code 'bronze'}), a number bare, {@code NULL} for no default, an expression as written.
     */
    @Override
    public String constantDefault(String columnDefault, String extra) {
        if (columnDefault == null || columnDefault.equalsIgnoreCase("NULL")) {
            return null;
        }
        if (columnDefault.length() >= 2 && columnDefault.startsWith("'") && columnDefault.endsWith("'")) {
            return unquote(columnDefault.substring(1, columnDefault.length() - 1));
        }
        return NUMBER.matcher(columnDefault).matches() ? columnDefault : null;
    }

    private static String unquote(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if ((c == '\\' || c == '\'') && i + 1 < body.length()) {
                char next = body.charAt(++i);
                out.append(c == '\'' ? next : switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'Z' -> (char) 0x1a;
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String generatedColumnCondition() {
        return "c.IS_GENERATED = 'ALWAYS'";
    }

    @Override
    public String tableTypes() {
        return "'BASE TABLE', 'SYSTEM VERSIONED'";
    }

    @Override
    public Set<String> jsonColumns(Connection connection, String database) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT TABLE_NAME, CHECK_CLAUSE"
                + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?"
                + " AND CHECK_CLAUSE LIKE 'json\\_valid(%'")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Matcher m = JSON_CHECK.matcher(rows.getString(2).trim());
                    if (m.matches()) {
                        columns.add(rows.getString(1) + "." + m.group(1).replace("``", "`"));
                    }
                }
            }
        }
        return columns;
    }

    @Override
    public boolean hasSequences() {
        return true;
    }
}
