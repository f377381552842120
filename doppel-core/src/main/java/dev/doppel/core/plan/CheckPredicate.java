package dev.doppel.core.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A single-column CHECK expression pre-flight can decide for a given value. It understands the
 * forms engines print for common checks — comparisons with literals, {@code AND}/{@code OR}/
 * {@code NOT}, {@code IN}, {@code = ANY (ARRAY[…])}, {@code BETWEEN}, {@code LIKE}, POSIX
 * {@code ~}, {@code IS [NOT] NULL}, {@code length()}, {@code lower()}, {@code upper()} and casts
 * — and declines anything else (another column, a function it does not know), so that it never
 * guesses. As in SQL, a check whose result is unknown passes.
 */
final class CheckPredicate {
    private static final Set<String> NUMERIC_TYPES = Set.of("integer", "int", "int2", "int4", "int8", "bigint", "smallint",
            "numeric", "decimal", "real", "double", "float", "float4", "float8");
    private static final Set<String> FUNCTIONS = Set.of("length", "char_length", "character_length", "lower", "upper",
            "btrim", "trim");

    private final Function<String, Object> expression;

    private CheckPredicate(Function<String, Object> expression) {
        this.expression = expression;
    }

    /** The predicate, or empty when the expression is not one this class can decide. */
    static Optional<CheckPredicate> parse(String definition, String column) {
        String text = definition.trim();
        if (text.regionMatches(true, 0, "CHECK", 0, 5)) {
            text = text.substring(5);
        }
        text = text.replaceAll("(?i)\\s+(NOT VALID|NO INHERIT)\\s*$", "");
        try {
            Parser parser = new Parser(tokens(text), column);
            Function<String, Object> node = parser.expression();
            if (!parser.atEnd()) {
                return Optional.empty();
            }
            return Optional.of(new CheckPredicate(node));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** True when the check accepts the value (a non-NULL value in the engine's text form). */
    boolean accepts(String value) {
        try {
            Object result = expression.apply(value);
            return !(result instanceof Boolean b) || b;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || (c == 'E' || c == 'e' || c == '_') && quoteAhead(text, i)) {
                int start = text.indexOf('\'', i);
                StringBuilder literal = new StringBuilder("'");
                int j = start + 1;
                for (; j < text.length(); j++) {
                    if (text.charAt(j) == '\'') {
                        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                            literal.append('\'');
                            j++;
                        } else {
                            break;
                        }
                    } else {
                        literal.append(text.charAt(j));
                    }
                }
                if (j >= text.length()) {
                    throw new IllegalArgumentException("unterminated literal");
                }
                tokens.add(literal.toString());
                i = j + 1;
            } else if (c == '"' || c == '`') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated identifier");
                }
                tokens.add("\"" + text.substring(i + 1, end));
                i = end + 1;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int j = i;
                while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(text.substring(i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                tokens.add(text.substring(i, j).toLowerCase(Locale.ROOT));
                i = j;
            } else {
                String two = i + 2 <= text.length() ? text.substring(i, i + 2) : "";
                String three = i + 3 <= text.length() ? text.substring(i, i + 3) : "";
                String op = Set.of("!~~", "!~*", "~~*").contains(three) ? three
                        : Set.of("::", "<>", "!=", "<=", ">=", "~*", "!~", "~~").contains(two) ? two : String.valueOf(c);
                tokens.add(op);
                i += op.length();
            }
        }
        return tokens;
    }

    private static boolean quoteAhead(String text, int i) {
        int j = i + 1;
        if (text.charAt(i) == '_') {
            while (j < text.length() && Character.isLetterOrDigit(text.charAt(j))) {
                j++;
            }
        }
        return j < text.length() && text.charAt(j) == '\'';
    }

    /** Recursive descent over the tokens; each node is a function of the column's value. */
    private static final class Parser {
        private final List<String> tokens;
        private final String column;
        private int at;

        Parser(List<String> tokens, String column) {
            this.tokens = tokens;
            this.column = column;
        }

        boolean atEnd() {
            return at == tokens.size();
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at) : "";
        }

        private boolean accept(String token) {
            if (peek().equals(token)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw new IllegalArgumentException("expected " + token);
            }
        }

        Function<String, Object> expression() {
            Function<String, Object> left = conjunction();
            while (accept("or")) {
                Function<String, Object> a = left;
                Function<String, Object> b = conjunction();
                left = v -> or(truth(a.apply(v)), truth(b.apply(v)));
            }
            return left;
        }

        private Function<String, Object> conjunction() {
            Function<String, Object> left = negation();
            while (accept("and")) {
                Function<String, Object> a = left;
                Function<String, Object> b = negation();
                left = v -> and(truth(a.apply(v)), truth(b.apply(v)));
            }
            return left;
        }

        private Function<String, Object> negation() {
            if (accept("not")) {
                Function<String, Object> inner = negation();
                return v -> {
                    Boolean b = truth(inner.apply(v));
                    return b == null ? null : !b;
                };
            }
            return predicate();
        }

        private Function<String, Object> predicate() {
            Function<String, Object> left = operand();
            boolean not = accept("not");
            String op = peek();
            switch (op) {
                case "=", "<>", "!=", "<", "<=", ">", ">=" -> {
                    if (not) {
                        throw new IllegalArgumentException("NOT before a comparison");
                    }
                    at++;
                    if (accept("any")) {
                        expect("(");
                        Function<String, Object> list = operand();
                        expect(")");
                        return v -> anyMatch(op, left.apply(v), list.apply(v));
                    }
                    Function<String, Object> right = operand();
                    return v -> compare(op, left.apply(v), right.apply(v));
                }
                case "in" -> {
                    at++;
                    expect("(");
                    List<Function<String, Object>> items = list(")");
                    return v -> negate(not, anyMatch("=", left.apply(v), items.stream().map(i -> i.apply(v)).toList()));
                }
                case "like", "ilike", "~~", "~~*", "!~~", "!~~*" -> {
                    at++;
                    Function<String, Object> pattern = operand();
                    boolean negated = not ^ op.startsWith("!");
                    boolean insensitive = op.equals("ilike") || op.endsWith("*");
                    return v -> negate(negated, like(left.apply(v), pattern.apply(v), insensitive));
                }
                case "~", "~*", "!~", "!~*" -> {
                    at++;
                    Function<String, Object> pattern = operand();
                    return v -> negate(op.startsWith("!"), regex(left.apply(v), pattern.apply(v), op.endsWith("*")));
                }
                case "between" -> {
                    at++;
                    Function<String, Object> low = operand();
                    expect("and");
                    Function<String, Object> high = operand();
                    return v -> negate(not, and(truth(compare(">=", left.apply(v), low.apply(v))),
                            truth(compare("<=", left.apply(v), high.apply(v)))));
                }
                case "is" -> {
                    at++;
                    boolean isNot = accept("not");
                    expect("null");
                    return v -> (left.apply(v) == null) != isNot;
                }
                default -> {
                    if (not) {
                        throw new IllegalArgumentException("NOT without an operator");
                    }
                    return left;
                }
            }
        }

        private Function<String, Object> operand() {
            Function<String, Object> value = primary();
            while (accept("::")) {
                String type = typeName();
                Function<String, Object> inner = value;
                value = v -> cast(inner.apply(v), type);
            }
            return value;
        }

        private String typeName() {
            StringBuilder type = new StringBuilder(peek());
            at++;
            while (Set.of("varying", "precision", "without", "with", "time", "zone").contains(peek())) {
                type.append(' ').append(peek());
                at++;
            }
            if (accept("(")) {
                while (!accept(")")) {
                    at++;
                }
            }
            if (accept("[")) {
                expect("]");
                type.append("[]");
            }
            return type.toString();
        }

        private Function<String, Object> primary() {
            String token = peek();
            at++;
            if (token.equals("(")) {
                Function<String, Object> inner = expression();
                expect(")");
                return inner;
            }
            if (token.startsWith("'")) {
                String literal = token.substring(1);
                return v -> literal;
            }
            if (!token.isEmpty() && (Character.isDigit(token.charAt(0)) || token.charAt(0) == '.')) {
                BigDecimal number = new BigDecimal(token);
                return v -> number;
            }
            if (token.equals("-") && !peek().isEmpty() && Character.isDigit(peek().charAt(0))) {
                BigDecimal number = new BigDecimal(peek()).negate();
                at++;
                return v -> number;
            }
            if (token.equals("array")) {
                expect("[");
                List<Function<String, Object>> items = list("]");
                return v -> items.stream().map(i -> i.apply(v)).toList();
            }
            if (token.equals("true") || token.equals("false")) {
                Boolean b = Boolean.valueOf(token);
                return v -> b;
            }
            if (token.equals("null")) {
                return v -> null;
            }
            if (FUNCTIONS.contains(token) && peek().equals("(")) {
                at++;
                Function<String, Object> argument = operand();
                expect(")");
                return v -> function(token, argument.apply(v));
            }
            String name = token.startsWith("\"") ? token.substring(1) : token;
            if (name.equals(column) || name.equalsIgnoreCase(column) && !token.startsWith("\"") || token.equals("value")) {
                return v -> v;
            }
            throw new IllegalArgumentException("not decidable: " + token);
        }

        private List<Function<String, Object>> list(String close) {
            List<Function<String, Object>> items = new ArrayList<>();
            if (accept(close)) {
                return items;
            }
            do {
                items.add(operand());
            } while (accept(","));
            expect(close);
            return items;
        }
    }

    private static Object cast(Object value, String type) {
        if (value == null || value instanceof List<?>) {
            return value;
        }
        String base = type.replace("[]", "").split(" ")[0];
        if (NUMERIC_TYPES.contains(base)) {
            return value instanceof BigDecimal ? value : new BigDecimal(value.toString().trim());
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value;
    }

    private static Object function(String name, Object argument) {
        if (argument == null) {
            return null;
        }
        String text = argument instanceof BigDecimal d ? d.toPlainString() : argument.toString();
        return switch (name) {
            case "lower" -> text.toLowerCase(Locale.ROOT);
            case "upper" -> text.toUpperCase(Locale.ROOT);
            case "btrim", "trim" -> text.strip();
            default -> BigDecimal.valueOf(text.codePointCount(0, text.length()));
        };
    }

    private static Boolean compare(String op, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        int order;
        if (left instanceof BigDecimal || right instanceof BigDecimal) {
            order = number(left).compareTo(number(right));
        } else {
            order = left.toString().compareTo(right.toString());
        }
        return switch (op) {
            case "=" -> order == 0;
            case "<>", "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    private static BigDecimal number(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString().trim());
    }

    private static Boolean anyMatch(String op, Object left, Object list) {
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException("ANY needs an array");
        }
        Boolean result = false;
        for (Object item : items) {
            result = or(result, compare(op, left, item));
        }
        return result;
    }

    private static Boolean like(Object value, Object pattern, boolean insensitive) {
        if (value == null || pattern == null) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        String p = pattern.toString();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                regex.append(Pattern.quote(String.valueOf(p.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (insensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags).matcher(value.toString()).matches();
    }

    private static Boolean regex(Object value, Object pattern, boolean insensitive) {
        if (value == null || pattern == null) {
            return null;
        }
        String posix = pattern.toString().replace("[:alpha:]", "\\p{Alpha}").replace("[:digit:]", "\\d")
                .replace("[:alnum:]", "\\p{Alnum}").replace("[:upper:]", "\\p{Upper}").replace("[:lower:]", "\\p{Lower}")
                .replace("[:space:]", "\\s").replace("[:punct:]", "\\p{Punct}").replace("[:xdigit:]", "\\p{XDigit}");
        try {
            return Pattern.compile(posix, insensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                    .matcher(value.toString()).find();
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("undecidable regular expression", e);
        }
    }

    private static Boolean truth(Object value) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new IllegalArgumentException("not a condition");
    }

    private static Boolean negate(boolean negate, Boolean value) {
        return value == null || !negate ? value : !value;
    }

    private static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }
}
