package dev.doppel.postgres;

import dev.doppel.core.schema.ColumnKind;

/** Maps PostgreSQL types to engine-neutral column kinds. */
final class PostgresTypes {
    private PostgresTypes() {}

    /**
     * @param baseType the type's name, or for a domain its base type's name
     * @param category {@code pg_type.typcategory} of that type
     */
    static ColumnKind kind(String baseType, String category) {
        switch (baseType) {
            case "json", "jsonb":
                return ColumnKind.JSON;
            case "uuid":
                return ColumnKind.UUID;
            case "bytea":
                return ColumnKind.BINARY;
            case "int2", "int4", "int8":
                return ColumnKind.INTEGER;
            case "numeric", "float4", "float8", "money":
                return ColumnKind.DECIMAL;
            case "bool":
                return ColumnKind.BOOLEAN;
            case "date":
                return ColumnKind.DATE;
            case "timestamp", "timestamptz":
                return ColumnKind.TIMESTAMP;
            case "time", "timetz":
                return ColumnKind.TIME;
            default:
                break;
        }
        if ("A".equals(category)) {
            return ColumnKind.ARRAY;
        }
        return "S".equals(category) ? ColumnKind.TEXT : ColumnKind.OTHER;
    }

    /** The declared character length of varchar(n) / char(n), or -1. */
    static int maxLength(String baseType, int typmod) {
        if ((baseType.equals("varchar") || baseType.equals("bpchar")) && typmod > 4) {
            return typmod - 4;
        }
        return -1;
    }
}
