package dev.doppel.mysql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a MySQL script into statements as the mysql client does: honours {@code DELIMITER},
 * quotes and comments, and keeps {@code /*! … *}{@code /} version comments, which the server runs.
 */
final class SqlScript {
    private SqlScript() {}

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String delimiter = ";";
        int i = 0;
        int n = script.length();
        while (i < n) {
            if (atLineStart(script, i) && current.toString().isBlank()) {
                int lineEnd = lineEnd(script, i);
                String line = script.substring(i, lineEnd).trim();
                if (line.regionMatches(true, 0, "DELIMITER ", 0, 10)) {
                    delimiter = line.substring(10).trim();
                    i = lineEnd;
                    continue;
                }
            }
            char c = script.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = quoteEnd(script, i, c);
                current.append(script, i, end);
                i = end;
            } else if (c == '#' || script.startsWith("-- ", i) || script.startsWith("--\n", i)) {
                i = lineEnd(script, i);
            } else if (script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                if (script.startsWith("/*!", i)) {
                    current.append(script, i, end);
                }
                i = end;
            } else if (script.startsWith(delimiter, i)) {
                add(statements, current);
                i += delimiter.length();
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().trim();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }

    private static boolean atLineStart(String script, int i) {
        return i == 0 || script.charAt(i - 1) == '\n';
    }

    private static int lineEnd(String script, int i) {
        int end = script.indexOf('\n', i);
        return end < 0 ? script.length() : end + 1;
    }

    private static int quoteEnd(String script, int start, char quote) {
        int i = start + 1;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return script.length();
    }
}
