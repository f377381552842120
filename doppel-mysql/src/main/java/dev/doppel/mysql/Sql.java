package dev.doppel.mysql;

import dev.doppel.core.schema.TableName;

/** Quoting for identifiers and literals in generated SQL; the session never has NO_BACKSLASH_ESCAPES. */
final class Sql {
    private Sql() {}

    static String ident(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    /** The name a quoted identifier ({@link #ident}) stands for; a name without backticks as it is. */
    static String unquote(String quoted) {
        if (quoted.length() >= 2 && quoted.startsWith("`") && quoted.endsWith("`")) {
            return quoted.substring(1, quoted.length() - 1).replace("``", "`");
        }
        return quoted;
    }

    static String qualified(TableName table) {
        return ident(table.schema()) + "." + ident(table.name());
    }

    static String literal(String text) {
        if (text == null) {
            return "NULL";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        appendEscaped(text, out);
        return out.append('\'').toString();
    }

    /** Appends the body of a single-quoted literal: backslash escapes for the characters that need them. */
    static void appendEscaped(CharSequence text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\0' -> out.append("\\0");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case 0x1a -> out.append("\\Z");
                default -> out.append(c);
            }
        }
    }
}
