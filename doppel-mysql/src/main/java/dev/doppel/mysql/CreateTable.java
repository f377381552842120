package dev.doppel.mysql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's {@code SHOW CREATE TABLE} split for loading: the CREATE statement keeps the columns,
 * the primary key, CHECK constraints and the table options (engine, charset, collation,
 * AUTO_INCREMENT, partitioning); secondary indexes and foreign keys are taken out to be added
 * after the data. {@code SHOW CREATE TABLE} writes one definition per line, which is what the
 * split relies on.
 *
 * @param create the CREATE TABLE statement without secondary indexes and foreign keys
 * @param indexes the secondary index definitions, e.g. {@code UNIQUE KEY `u` (`email`)}
 * @param fulltextIndexes FULLTEXT index definitions; InnoDB builds them one per statement
 * @param foreignKeys the foreign key definitions, e.g. {@code CONSTRAINT `fk` FOREIGN KEY …}
 * @param referencedTables the tables the foreign keys point to, as written ({@code db.t} or {@code t})
 */
record CreateTable(String create, List<String> indexes, List<String> fulltextIndexes, List<String> foreignKeys,
                   Set<String> referencedTables) {
    private static final Pattern INDEX = Pattern.compile("^(UNIQUE |FULLTEXT |SPATIAL |VECTOR )?(KEY|INDEX) ");
    private static final Pattern FOREIGN_KEY = Pattern.compile("^(CONSTRAINT `(?:[^`]|``)*` )?FOREIGN KEY ");
    private static final Pattern REFERENCES = Pattern.compile(
            " REFERENCES (`(?:[^`]|``)*`)(?:\\.(`(?:[^`]|``)*`))?");
    private static final Pattern FIRST_KEY_COLUMN = Pattern.compile("\\(`((?:[^`]|``)*)`");

    /**
     * @param showCreate the second column of {@code SHOW CREATE TABLE}
     * @param autoIncrementColumn the AUTO_INCREMENT column or null: an index it needs stays in
     *     the CREATE, because InnoDB refuses such a column without one
     */
    static CreateTable split(String showCreate, String autoIncrementColumn) {
        String[] lines = showCreate.split("\n");
        int first = 1;
        int last = lines.length - 1;
        while (last > first && !lines[last].startsWith(")")) {
            last--;
        }
        List<String> kept = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> fulltext = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        Set<String> referenced = new LinkedHashSet<>();
        boolean autoIncrementIndexed = autoIncrementColumn == null;
        for (int i = first; i < last; i++) {
            String definition = stripComma(lines[i].trim());
            if (definition.startsWith("PRIMARY KEY ")) {
                autoIncrementIndexed |= firstColumn(definition).equals(autoIncrementColumn);
                kept.add(definition);
            } else if (INDEX.matcher(definition).find()) {
                if (!autoIncrementIndexed && firstColumn(definition).equals(autoIncrementColumn)) {
                    autoIncrementIndexed = true;
                    kept.add(definition);
                } else if (definition.startsWith("FULLTEXT ")) {
                    fulltext.add(definition);
                } else {
                    indexes.add(definition);
                }
            } else if (FOREIGN_KEY.matcher(definition).find()) {
                foreignKeys.add(definition);
                Matcher m = REFERENCES.matcher(definition);
                if (m.find()) {
                    referenced.add(m.group(2) == null ? unquote(m.group(1)) : unquote(m.group(1)) + "." + unquote(m.group(2)));
                }
            } else {
                kept.add(definition);
            }
        }
        StringBuilder create = new StringBuilder(lines[0]).append('\n');
        for (int i = 0; i < kept.size(); i++) {
            create.append("  ").append(kept.get(i)).append(i + 1 < kept.size() ? ",\n" : "\n");
        }
        for (int i = last; i < lines.length; i++) {
            create.append(lines[i]).append(i + 1 < lines.length ? "\n" : "");
        }
        return new CreateTable(create.toString(), List.copyOf(indexes), List.copyOf(fulltext), List.copyOf(foreignKeys),
                Set.copyOf(referenced));
    }

    private static String stripComma(String definition) {
        return definition.endsWith(",") ? definition.substring(0, definition.length() - 1) : definition;
    }

    private static String firstColumn(String definition) {
        Matcher m = FIRST_KEY_COLUMN.matcher(definition);
        return m.find() ? m.group(1).replace("``", "`") : "";
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("``", "`");
    }
}
