package dev.doppel.core.schema;

/**
 * A column as the engine reports it.
 *
 * @param nativeType the type as the engine writes it, e.g. {@code character varying(120)}
 * @param maxLength the declared maximum length in characters, or -1 when unbounded
 * @param unique true when the column alone is a primary key or has a unique index
 * @param generated true when the engine computes the value; such columns are never written
 * @param defaultValue the column's default in the engine's text form when it is a constant
 *     (e.g. {@code active} for {@code DEFAULT 'active'}), or null when the column has no default
 *     or its default is computed ({@code now()}, a sequence)
 */
public record Column(
        String name,
        String nativeType,
        ColumnKind kind,
        boolean nullable,
        int maxLength,
        boolean unique,
        boolean generated,
        String defaultValue) {

    /** A column without a constant default. */
    public Column(String name, String nativeType, ColumnKind kind, boolean nullable, int maxLength, boolean unique,
                  boolean generated) {
        this(name, nativeType, kind, nullable, maxLength, unique, generated, null);
    }
}
