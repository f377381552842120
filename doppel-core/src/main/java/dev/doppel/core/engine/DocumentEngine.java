package dev.doppel.core.engine;

/**
 * The branch of the SPI for document stores (MongoDB). Collections take the place of tables and
 * documents the place of rows; masking rules address fields by path. Kept apart from
 * {@link RelationalEngine} so that neither bends to fit the other.
 */
public interface DocumentEngine extends Engine {}
