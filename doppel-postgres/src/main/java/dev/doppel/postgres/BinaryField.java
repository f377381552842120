package dev.doppel.postgres;

import dev.doppel.core.text.ByteSink;
import dev.doppel.core.text.RowFormat.TextNeeded;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * How one column's values look in PostgreSQL's binary COPY, for the types whose binary form
 * {@link BinaryRows} can turn into the exact text that a text COPY gives and back. Every other
 * type that is safe to copy in binary is {@link #OPAQUE}: its bytes go from source to target as
 * they are, and a rule on such a column has the table copied in text.
 *
 * <p>Text goes out as the server gives it, so decoding only reads bytes. Encoding is strict: a
 * value not in the exact form the server's text output uses (an ISO date, a plain integer, a
 * lower-case UUID) is {@link TextNeeded}, so that the server's own parser, with its errors, sees
 * it in a text COPY.
 */
enum BinaryField {
    /** text, varchar, bpchar, name, json and enum labels: the characters in the client encoding. */
    TEXT {
        @Override
        String decode(byte[] buffer, int start, int end) {
            return new String(buffer, start, end - start, StandardCharsets.UTF_8);
        }

        @Override
        void encode(String value, ByteSink out) {
            out.writeUtf8(value);
        }
    },
    /** jsonb: a version byte, 1, then the document as jsonb's text output writes it. */
    JSONB {
        @Override
        String decode(byte[] buffer, int start, int end) {
            if (end == start || buffer[start] != 1) {
                throw new TextNeeded("a jsonb value in a binary version other than 1");
            }
            return new String(buffer, start + 1, end - start - 1, StandardCharsets.UTF_8);
        }

        @Override
        void encode(String value, ByteSink out) {
            out.write((byte) 1);
            out.writeUtf8(value);
        }
    },
    /** date: days since 2000-01-01, with the largest and smallest int for infinity and -infinity. */
    DATE {
        @Override
        String decode(byte[] buffer, int start, int end) {
            int days = BinaryRows.readInt(buffer, start);
            if (days == Integer.MAX_VALUE) {
                return "infinity";
            }
            if (days == Integer.MIN_VALUE) {
                return "-infinity";
            }
            return IsoDates.format(days);
        }

        @Override
        void encode(String value, ByteSink out) {
            out.writeInt(days(value));
        }
    },
    INT2 {
        @Override
        String decode(byte[] buffer, int start, int end) {
            return Integer.toString(BinaryRows.readShort(buffer, start));
        }

        @Override
        void encode(String value, ByteSink out) {
            out.writeShort((int) integer(value, Short.MIN_VALUE, Short.MAX_VALUE));
        }
    },
    INT4 {
        @Override
        String decode(byte[] buffer, int start, int end) {
            return Integer.toString(BinaryRows.readInt(buffer, start));
        }

        @Override
        void encode(String value, ByteSink out) {
            out.writeInt((int) integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
    },
    INT8 {
        @Override
        String decode(byte[] buffer, int start, int end) {
            return Long.toString(BinaryRows.readLong(buffer, start));
        }

        @Override
        void encode(String value, ByteSink out) {
            out.writeLong(integer(value, Long.MIN_VALUE, Long.MAX_VALUE));
        }
    },
    /** uuid: sixteen bytes; its text form is lower-case hex in 8-4-4-4-12 groups. */
    UUID_FIELD {
        @Override
        String decode(byte[] buffer, int start, int end) {
            return new UUID(BinaryRows.readLong(buffer, start), BinaryRows.readLong(buffer, start + 8)).toString();
        }

        @Override
        void encode(String value, ByteSink out) {
            if (!isCanonicalUuid(value)) {
                throw new TextNeeded("a uuid not in lower-case 8-4-4-4-12 form");
            }
            UUID uuid = UUID.fromString(value);
            out.writeLong(uuid.getMostSignificantBits());
            out.writeLong(uuid.getLeastSignificantBits());
        }
    },
    /** Any other type with a binary form: copied as it is, never decoded. */
    OPAQUE {
        @Override
        boolean decodes() {
            return false;
        }

        @Override
        String decode(byte[] buffer, int start, int end) {
            throw new TextNeeded("a rule reads a column whose binary form doppel does not decode");
        }

        @Override
        void encode(String value, ByteSink out) {
            throw new TextNeeded("a rule writes a column whose binary form doppel does not encode");
        }
    };

    /**
     * The field for a column, from its base type's name ({@code enum} for an enum type), or null
     * when the type is not safe to copy in binary.
     */
    static BinaryField of(String binaryType) {
        if (binaryType == null) {
            return null;
        }
        return switch (binaryType) {
            case "text", "varchar", "bpchar", "name", "json", "enum" -> TEXT;
            case "jsonb" -> JSONB;
            case "date" -> DATE;
            case "int2" -> INT2;
            case "int4" -> INT4;
            case "int8" -> INT8;
            case "uuid" -> UUID_FIELD;
            default -> OPAQUE;
        };
    }

    boolean decodes() {
        return true;
    }

    /** The text form of a value {@code [start, end)} in binary form. */
    abstract String decode(byte[] buffer, int start, int end);

    /** Appends the binary form of a value given in text form, without its length. */
    abstract void encode(String value, ByteSink out);

    private static int days(String value) {
        if (value.equals("infinity")) {
            return Integer.MAX_VALUE;
        }
        if (value.equals("-infinity")) {
            return Integer.MIN_VALUE;
        }
        return IsoDates.parse(value);
    }

    /** Lower-case hex digits in groups of 8, 4, 4, 4 and 12, as uuid's text output writes them. */
    private static boolean isCanonicalUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A plain decimal integer within the bounds, as the server's text output writes one. */
    private static long integer(String value, long min, long max) {
        int length = value.length();
        int first = length > 0 && value.charAt(0) == '-' ? 1 : 0;
        if (length == first || length - first > 19) {
            throw new TextNeeded("an integer not in plain decimal form");
        }
        for (int i = first; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new TextNeeded("an integer not in plain decimal form");
            }
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new TextNeeded("an integer out of range");
        }
        if (parsed < min || parsed > max) {
            throw new TextNeeded("an integer out of the column type's range");
        }
        return parsed;
    }
}
