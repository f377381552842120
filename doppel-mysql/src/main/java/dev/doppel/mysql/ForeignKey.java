package dev.doppel.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A foreign key as {@code SHOW CREATE TABLE} writes it, read back from the {@code ALTER TABLE …
 * ADD CONSTRAINT … FOREIGN KEY} statement that adds it after the data, so that the rows can be
 * checked with one query before the key is added without the server's own check (which makes
 * InnoDB copy the whole table).
 *
 * @param table the child table, quoted
 * @param name the constraint's name as written, or {@code (unnamed)}
 * @param columns the child's columns, quoted
 * @param parent the referenced table, quoted and qualified as written ({@code `t`} or {@code `db`.`t`})
 * @param parentColumns the referenced columns, quoted
 */
record ForeignKey(String table, String name, List<String> columns, String parent, List<String> parentColumns) {
    private static final String IDENT = "`(?:[^`]|``)*`";
    private static final String IDENT_LIST = "(" + IDENT + "(?:\\s*,\\s*" + IDENT + ")*)";
    private static final Pattern ALTER = Pattern.compile("^ALTER TABLE (" + IDENT + ") ");
    private static final Pattern FOREIGN_KEY = Pattern.compile("(?:CONSTRAINT (" + IDENT + ") )?FOREIGN KEY (?:" + IDENT
            + " )?\\(" + IDENT_LIST + "\\) REFERENCES (" + IDENT + "(?:\\." + IDENT + ")?) \\(" + IDENT_LIST + "\\)");
    private static final Pattern ONE_IDENT = Pattern.compile(IDENT);

    /**
     * The foreign keys an {@code ALTER TABLE} adds; empty when the statement is not in the form
     * doppel writes, in which case the caller lets the server check the rows.
     */
    static List<ForeignKey> parse(String alterTable) {
        Matcher alter = ALTER.matcher(alterTable);
        if (!alter.find()) {
            return List.of();
        }
        String rest = alterTable.substring(alter.end());
        List<ForeignKey> keys = new ArrayList<>();
        int clauses = rest.split("(?m),\\s*\\n\\s*ADD ").length;
        Matcher m = FOREIGN_KEY.matcher(rest);
        while (m.find()) {
            List<String> columns = identifiers(m.group(2));
            List<String> parentColumns = identifiers(m.group(4));
            if (columns.size() != parentColumns.size()) {
                return List.of();
            }
            keys.add(new ForeignKey(alter.group(1), m.group(1) == null ? "(unnamed)" : m.group(1), columns, m.group(3),
                    parentColumns));
        }
        return keys.size() == clauses ? keys : List.of();
    }

    private static List<String> identifiers(String list) {
        List<String> names = new ArrayList<>();
        Matcher m = ONE_IDENT.matcher(list);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /**
     * Counts the child rows whose key is complete (no column NULL, as InnoDB's MATCH SIMPLE) and
     * matches no parent row. Reads the child once and looks each key up in the parent's index.
     */
    String violationsQuery() {
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            match.append(i == 0 ? "" : " AND ").append("p.").append(parentColumns.get(i)).append(" = c.").append(columns.get(i));
        }
        return "SELECT COUNT(*) FROM " + table + " c WHERE "
                + columns.stream().map(c -> "c." + c + " IS NOT NULL").collect(Collectors.joining(" AND "))
                + " AND NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE " + match + ")";
    }
}
