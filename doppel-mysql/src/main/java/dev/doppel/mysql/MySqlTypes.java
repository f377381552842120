package dev.doppel.mysql;

import dev.doppel.core.schema.ColumnKind;
import java.util.Locale;
import java.util.Set;

/**
 * MySQL and MariaDB types: their engine-neutral kind, and how their values cross the pipeline.
 * Binary strings, BIT and spatial values travel as {@code \x} followed by hex digits (the form
 * PostgreSQL uses for bytea) and are turned back into bytes with {@code UNHEX} on load; all
 * other values travel as the server's own text.
 */
final class MySqlTypes {
    private static final Set<String> BINARY = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> SPATIAL = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");
    private static final Set<String> CHARACTER = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "enum", "set", "json");

    private MySqlTypes() {}

    /** How a value is read from the result set. */
    enum Transfer {
        /** The driver's bytes are the UTF-8 text: character types. */
        TEXT_BYTES,
        /** The bytes are binary and written as {@code \x} + hex. */
        HEX,
        /** Numbers, dates and times: selected as {@code CAST(… AS CHAR)}, their text read as bytes. */
        STRING
    }

    static ColumnKind kind(String dataType, boolean json) {
        String type = dataType.toLowerCase(Locale.ROOT);
        if (json || type.equals("json")) {
            return ColumnKind.JSON;
        }
        return switch (type) {
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> ColumnKind.TEXT;
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year" -> ColumnKind.INTEGER;
            case "decimal", "numeric", "float", "double", "real" -> ColumnKind.DECIMAL;
            case "date" -> ColumnKind.DATE;
            case "datetime", "timestamp" -> ColumnKind.TIMESTAMP;
            case "time" -> ColumnKind.TIME;
            case "uuid" -> ColumnKind.UUID;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> ColumnKind.BINARY;
            default -> ColumnKind.OTHER;
        };
    }

    static Transfer transfer(String dataType) {
        String type = dataType.toLowerCase(Locale.ROOT);
        if (isHex(type)) {
            return Transfer.HEX;
        }
        return CHARACTER.contains(type) ? Transfer.TEXT_BYTES : Transfer.STRING;
    }

    /** True for the types whose values travel as hex: binary strings, BIT and spatial types. */
    static boolean isHex(String dataType) {
        String type = dataType.toLowerCase(Locale.ROOT);
        return BINARY.contains(type) || SPATIAL.contains(type) || type.equals("bit");
    }

    /**
     * The data type of a column type as the catalog writes it, e.g. {@code varbinary} for
     * {@code varbinary(16)} or {@code int} for {@code int(10) unsigned}.
     */
    static String dataType(String columnType) {
        String type = columnType.toLowerCase(Locale.ROOT).trim();
        int end = 0;
        while (end < type.length() && (Character.isLetterOrDigit(type.charAt(end)) || type.charAt(end) == '_')) {
            end++;
        }
        return type.substring(0, end);
    }

    /** The declared length in characters of CHAR/VARCHAR, a safe bound for TINYTEXT, or -1. */
    static int maxLength(String dataType, long characterMaximumLength) {
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "char", "varchar" -> (int) Math.min(Integer.MAX_VALUE, characterMaximumLength);
            case "tinytext" -> 63;
            default -> -1;
        };
    }
}
