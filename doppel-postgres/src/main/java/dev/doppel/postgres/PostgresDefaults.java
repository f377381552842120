package dev.doppel.postgres;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The constant value of a column default, read from the expression {@code pg_get_expr} prints. */
final class PostgresDefaults {
    private static final String CASTS = "(?:::[\\w .\"\\[\\]()]+)*";
    private static final Pattern QUOTED = Pattern.compile("^'((?:[^']|'')*)'" + CASTS + "$");
    private static final Pattern NUMBER = Pattern.compile("^\\(?(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\)?" + CASTS + "$");

    private PostgresDefaults() {}

    /**
     * The default as COPY text (e.g. {@code active} for {@code 'active'::character varying}), or
     * null when there is no default or it is computed ({@code now()}, {@code nextval(…)}, NULL).
     */
    static String literal(String expression) {
        if (expression == null) {
            return null;
        }
        String text = expression.trim();
        Matcher quoted = QUOTED.matcher(text);
        if (quoted.matches()) {
            return quoted.group(1).replace("''", "'");
        }
        Matcher number = NUMBER.matcher(text);
        if (number.matches()) {
            return number.group(1);
        }
        if (text.equals("true") || text.equals("false")) {
            return text;
        }
        return null;
    }
}
