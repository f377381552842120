package dev.doppel.core.scan;

import dev.doppel.core.config.YamlNode;
import dev.doppel.core.config.YamlTreeReader;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Location;
import dev.doppel.core.error.Problems;
import dev.doppel.core.schema.TableName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds rules to a config file's text without touching anything already there: existing rules,
 * comments, order, quoting and layout stay as they were. Each new line is inserted where the
 * YAML tree (with the line and column of every key) says its table's columns end: inside a block
 * map as an indented line with the scanner's evidence as a comment, inside a flow map
 * ({@code { a: keep }}) before its closing brace. The result is read back and checked before it is
 * returned.
 */
public final class ConfigMerger {
    /** One rule to add: the column, the rule as YAML, and a comment (block style only). */
    public record Addition(String column, String rule, String comment) {}

    private final String fileName;

    public ConfigMerger(String fileName) {
        this.fileName = fileName;
    }

    /**
     * @param additions rules by table, in the order they should appear; tables the config lacks are added
     * @throws DoppelException (exit 2) when the file's layout leaves no safe place for a rule
     */
    public String merge(String text, Map<TableName, List<Addition>> additions) {
        if (additions.values().stream().allMatch(List::isEmpty)) {
            return text;
        }
        Edits edits = new Edits(text);
        YamlNode.Mapping root = mapping(read(text), "the config");
        YamlNode.Mapping masking = mapping(root.get("masking"), "masking");
        YamlNode tablesNode = masking.get("tables");
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        Map<TableName, String> tableKeys = new LinkedHashMap<>();
        Map<TableName, List<Addition>> newTables = new LinkedHashMap<>();
        if (tablesNode instanceof YamlNode.Mapping tables) {
            tables.entries().keySet().forEach(key -> {
                TableName name = TableName.parse(key);
                if (name != null) {
                    tableKeys.put(name, key);
                }
            });
        }
        additions.forEach((table, list) -> {
            if (list.isEmpty()) {
                return;
            }
            if (tableKeys.containsKey(table)) {
                YamlNode.Mapping tables = (YamlNode.Mapping) tablesNode;
                String key = tableKeys.get(table);
                addToTable(edits, tables, key, list, newline);
            } else {
                newTables.put(table, list);
            }
        });
        if (!newTables.isEmpty()) {
            addTables(edits, root.keyLocation("masking"), masking, tablesNode, newTables, newline);
        }
        String merged = edits.apply();
        verify(merged, additions);
        return merged;
    }

    private void addToTable(Edits edits, YamlNode.Mapping tables, String key, List<Addition> list, String nl) {
        YamlNode table = tables.get(key);
        Location keyAt = tables.keyLocation(key);
        int tableIndent = keyAt.column() - 1;
        if (table instanceof YamlNode.Null) {
            requireBare(edits, keyAt, key);
            edits.insertAfterLine(keyAt.line(), " ".repeat(tableIndent + 2) + "columns:" + nl
                    + lines(list, tableIndent + 4, nl));
            return;
        }
        YamlNode.Mapping map = mapping(table, key);
        YamlNode columns = map.get("columns");
        if (edits.isFlow(map.location())) {
            if (columns == null) {
                edits.insertBeforeClose(map.location(), "columns: " + flow(list));
            } else if (edits.isFlow(columns.location())) {
                edits.insertBeforeClose(columns.location(), entries(list));
            } else {
                throw cannot(columns.location(), key + ".columns");
            }
            return;
        }
        if (columns == null) {
            int childIndent = map.keyLocation(map.entries().keySet().iterator().next()).column() - 1;
            edits.insertAfterLine(edits.blockEnd(keyAt.line(), tableIndent), " ".repeat(childIndent) + "columns:" + nl
                    + lines(list, childIndent + 2, nl));
            return;
        }
        Location columnsKey = map.keyLocation("columns");
        if (columns instanceof YamlNode.Null) {
            requireBare(edits, columnsKey, key + ".columns");
            edits.insertAfterLine(columnsKey.line(), lines(list, columnsKey.column() + 1, nl));
        } else if (edits.isFlow(columns.location())) {
            edits.insertBeforeClose(columns.location(), entries(list));
        } else {
            YamlNode.Mapping columnMap = mapping(columns, key + ".columns");
            int indent = columnMap.keyLocation(columnMap.entries().keySet().iterator().next()).column() - 1;
            edits.insertAfterLine(edits.blockEnd(columnsKey.line(), columnsKey.column() - 1), lines(list, indent, nl));
        }
    }

    private void addTables(Edits edits, Location maskingKey, YamlNode.Mapping masking, YamlNode tablesNode,
                           Map<TableName, List<Addition>> tables, String nl) {
        if (edits.isFlow(masking.location())) {
            throw cannot(masking.location(), "masking");
        }
        int indent;
        int afterLine;
        String prefix = "";
        if (tablesNode == null) {
            int maskingIndent = masking.keyLocation(masking.entries().keySet().iterator().next()).column() - 1;
            afterLine = edits.blockEnd(maskingKey.line(), maskingKey.column() - 1);
            prefix = " ".repeat(maskingIndent) + "tables:" + nl;
            indent = maskingIndent + 2;
        } else if (tablesNode instanceof YamlNode.Null) {
            Location tablesKey = masking.keyLocation("tables");
            requireBare(edits, tablesKey, "masking.tables");
            afterLine = tablesKey.line();
            indent = tablesKey.column() + 1;
        } else {
            YamlNode.Mapping map = mapping(tablesNode, "masking.tables");
            if (edits.isFlow(map.location())) {
                throw cannot(map.location(), "masking.tables");
            }
            Location tablesKey = masking.keyLocation("tables");
            indent = map.keyLocation(map.entries().keySet().iterator().next()).column() - 1;
            afterLine = edits.blockEnd(tablesKey.line(), tablesKey.column() - 1);
        }
        StringBuilder block = new StringBuilder(prefix);
        tables.forEach((table, list) -> block.append(" ".repeat(indent)).append(key(table.toString()))
                .append(":   # new table: or { mode: exclude } to leave it out").append(nl)
                .append(" ".repeat(indent + 2)).append("columns:").append(nl).append(lines(list, indent + 4, nl)));
        edits.insertAfterLine(afterLine, block.toString());
    }

    private static String lines(List<Addition> list, int indent, String nl) {
        StringBuilder out = new StringBuilder();
        for (Addition a : list) {
            out.append(" ".repeat(indent)).append(key(a.column())).append(": ").append(a.rule());
            if (a.comment() != null && !a.comment().isBlank()) {
                out.append("   # ").append(a.comment().replace("\n", " ").replace("\r", " "));
            }
            out.append(nl);
        }
        return out.toString();
    }

    private static String flow(List<Addition> list) {
        return "{ " + entries(list) + " }";
    }

    private static String entries(List<Addition> list) {
        List<String> parts = new ArrayList<>();
        list.forEach(a -> parts.add(key(a.column()) + ": " + a.rule()));
        return String.join(", ", parts);
    }

    /** A map key as YAML: plain when safe, double-quoted otherwise. */
    static String key(String name) {
        if (name.matches("[\\p{L}\\p{N}_][\\p{L}\\p{N}_.$-]*") && !name.matches("(?i)true|false|yes|no|on|off|null|y|n|~")) {
            return name;
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void requireBare(Edits edits, Location keyAt, String what) {
        if (!edits.bareKeyLine(keyAt)) {
            throw cannot(keyAt, what);
        }
    }

    private YamlNode read(String text) {
        Problems problems = new Problems();
        YamlNode root = new YamlTreeReader(fileName, problems).read(text);
        problems.throwIfAny(ExitCode.BAD_INPUT, fileName + " has problems; nothing was changed");
        return root;
    }

    private YamlNode.Mapping mapping(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping map) {
            return map;
        }
        throw new DoppelException(ExitCode.BAD_INPUT, fileName + ": " + what + " is not a map doppel can add rules to;"
                + " nothing was changed. Add the proposed lines by hand.");
    }

    private DoppelException cannot(Location at, String what) {
        return new DoppelException(ExitCode.BAD_INPUT, at + ": cannot add rules to " + what + " as it is written (an"
                + " explicit null or a flow-style map spanning the section); nothing was changed. Add the proposed lines by hand.");
    }

    /** Reads the merged text back: every added rule must be where it was meant to go. */
    private void verify(String merged, Map<TableName, List<Addition>> additions) {
        YamlNode root = read(merged);
        for (Map.Entry<TableName, List<Addition>> entry : additions.entrySet()) {
            YamlNode columns = null;
            if (root instanceof YamlNode.Mapping r && r.get("masking") instanceof YamlNode.Mapping m
                    && m.get("tables") instanceof YamlNode.Mapping t) {
                for (Map.Entry<String, YamlNode> table : t.entries().entrySet()) {
                    if (entry.getKey().equals(TableName.parse(table.getKey())) && table.getValue() instanceof YamlNode.Mapping tm) {
                        columns = tm.get("columns");
                    }
                }
            }
            for (Addition addition : entry.getValue()) {
                if (!(columns instanceof YamlNode.Mapping c) || !c.entries().containsKey(addition.column())) {
                    throw new DoppelException(ExitCode.INTERNAL, "Merging the proposals into " + fileName + " went wrong ("
                            + entry.getKey() + "." + addition.column() + " is not where it should be); nothing was changed."
                            + " Add the proposed lines by hand and please report this.");
                }
            }
        }
    }

    /** Text edits by position, applied from the end so that earlier positions stay valid. */
    private static final class Edits {
        private final String text;
        private final List<Integer> lineStarts = new ArrayList<>();
        private final List<Insert> inserts = new ArrayList<>();

        private record Insert(int offset, int sequence, String text) {}

        Edits(String text) {
            this.text = text;
            lineStarts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lineStarts.add(i + 1);
                }
            }
        }

        int lines() {
            return lineStarts.size();
        }

        String line(int number) {
            int start = lineStarts.get(number - 1);
            int end = number < lineStarts.size() ? lineStarts.get(number) : text.length();
            return text.substring(start, end).replaceAll("\r?\n$", "");
        }

        int offset(Location at) {
            return lineStarts.get(at.line() - 1) + at.column() - 1;
        }

        boolean isFlow(Location at) {
            int offset = offset(at);
            return offset < text.length() && text.charAt(offset) == '{';
        }

        /** True when the key's line holds nothing after the colon but perhaps a comment. */
        boolean bareKeyLine(Location keyAt) {
            String rest = line(keyAt.line()).substring(keyAt.column() - 1);
            return rest.matches("[^:]*:\\s*(#.*)?") || rest.matches("\"[^\"]*\"\\s*:\\s*(#.*)?");
        }

        /**
         * The last line of the block that starts after line {@code keyLine} and is indented more
         * than {@code indent}: trailing blank lines and less-indented comments belong to what follows.
         */
        int blockEnd(int keyLine, int indent) {
            int last = keyLine;
            for (int n = keyLine + 1; n <= lines(); n++) {
                String line = line(n);
                if (line.isBlank()) {
                    continue;
                }
                int lineIndent = line.length() - line.stripLeading().length();
                if (lineIndent <= indent) {
                    break;
                }
                last = n;
            }
            return last;
        }

        void insertAfterLine(int line, String block) {
            int offset = line < lines() ? lineStarts.get(line) : text.length();
            String prefix = offset == text.length() && !text.isEmpty() && !text.endsWith("\n") ? "\n" : "";
            inserts.add(new Insert(offset, inserts.size(), prefix + block));
        }

        /** Inserts entries before the brace that closes the flow map opening at {@code at}. */
        void insertBeforeClose(Location at, String entries) {
            int open = offset(at);
            int close = matchingBrace(open);
            int last = close - 1;
            while (last > open && Character.isWhitespace(text.charAt(last))) {
                last--;
            }
            boolean empty = last == open;
            inserts.add(new Insert(last + 1, inserts.size(), (empty ? " " : ", ") + entries + (empty ? " " : "")));
        }

        private int matchingBrace(int open) {
            int depth = 0;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\'' || c == '"') {
                    i = endOfQuote(i, c);
                } else if (c == '#' && i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        return i;
                    }
                }
            }
            throw new DoppelException(ExitCode.BAD_INPUT, "unbalanced braces in the config; nothing was changed");
        }

        private int endOfQuote(int start, char quote) {
            for (int i = start + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote == '"' && c == '\\') {
                    i++;
                } else if (c == quote) {
                    if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        i++;
                    } else {
                        return i;
                    }
                }
            }
            return text.length();
        }

        String apply() {
            StringBuilder out = new StringBuilder(text);
            inserts.stream().sorted(Comparator.comparingInt(Insert::offset).thenComparingInt(Insert::sequence).reversed())
                    .forEach(e -> out.insert(e.offset(), e.text()));
            return out.toString();
        }
    }
}
