package dev.doppel.core.schema;

/**
 * A column as the engine reports it.
 *
 * @param nativeType the type as the engine writes it, e.g. {@code character varying(120)}
 * @param maxLength the declared maximum length in characters, or -1 when unbounded
 * @param unique true when the column alone is a primary key or has a unique index
 * @param generated true when the engine computes the value; such columns are never written
 */
public record Column(
        String name,
        String nativeType,
        ColumnKind kind,
        boolean nullable,
        int maxLength,
        boolean unique,
        boolean generated) {}
