package dev.doppel.core.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.doppel.core.schema.Column;
import java.io.IOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a value, in the engines' text form, is one the column's type accepts. Lenient where
 * engines differ (booleans as t/f/true/false/1/0, dates with or without a time), strict on what
 * every engine rejects: letters in a number, an impossible date, broken JSON, an integer out of range.
 */
final class KindCheck {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|[+-]?Infinity");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})( BC)?");
    private static final Pattern TIMESTAMP = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?)?"
            + "\\s*(Z|[+-][0-9]{2}(:?[0-9]{2}(:?[0-9]{2})?)?)?( BC)?");
    private static final Pattern TIME = Pattern.compile("[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?([+-][0-9]{2}(:?[0-9]{2})?)?");
    private static final Pattern UUID = Pattern.compile("\\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}}?");

    private KindCheck() {}

    static boolean valid(Column column, String value) {
        return switch (column.kind()) {
            case INTEGER -> integer(column.nativeType(), value.trim());
            case DECIMAL -> DECIMAL.matcher(value.trim()).matches();
            case BOOLEAN -> value.trim().toLowerCase(Locale.ROOT).matches("t|f|true|false|1|0|yes|no|y|n|on|off");
            case DATE -> value.equals("infinity") || value.equals("-infinity") || date(DATE.matcher(value.trim()));
            case TIMESTAMP -> value.equals("infinity") || value.equals("-infinity") || date(TIMESTAMP.matcher(value.trim()));
            case TIME -> TIME.matcher(value.trim()).matches();
            case UUID -> UUID.matcher(value.trim()).matches();
            case JSON -> json(value);
            default -> true;
        };
    }

    /** A name for the kind in messages: "integer", "date". */
    static String describe(Column column) {
        return column.kind().name().toLowerCase(Locale.ROOT);
    }

    private static boolean integer(String nativeType, String value) {
        if (!value.matches("[+-]?[0-9]{1,40}")) {
            return false;
        }
        BigInteger number = new BigInteger(value);
        String type = nativeType.toLowerCase(Locale.ROOT);
        boolean unsigned = type.contains("unsigned");
        int bits = type.startsWith("smallint") || type.equals("int2") ? 16
                : type.startsWith("tinyint") ? 8
                : type.startsWith("mediumint") ? 24
                : type.startsWith("bigint") || type.equals("int8") ? 64 : 32;
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        return number.compareTo(min) >= 0 && number.compareTo(max) <= 0;
    }

    private static boolean date(Matcher m) {
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static boolean json(String value) {
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
