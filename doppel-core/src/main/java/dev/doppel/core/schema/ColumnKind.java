package dev.doppel.core.schema;

/** The engine-neutral family of a column's type, used to check that a transformer fits a column. */
public enum ColumnKind {
    TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP, TIME, UUID, JSON, BINARY, ARRAY, OTHER
}
