package dev.doppel.core.engine;

/**
 * A database engine doppel can read from and write to, registered through
 * {@code META-INF/services/dev.doppel.core.engine.Engine} and chosen by URL. Relational engines
 * implement {@link RelationalEngine}; document stores implement {@link DocumentEngine}.
 */
public interface Engine {
    /** A short lower-case name: {@code postgresql}, {@code mysql}, {@code mongodb}. */
    String name();

    /** True when this engine handles the URL (JDBC or the engine's native form). */
    boolean accepts(String url);
}
