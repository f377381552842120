package dev.doppel.core.engine;

/**
 * A part of a table that is read, written and retried on its own.
 *
 * @param key a stable name of the chunk within its table, e.g. {@code id:[1000,2000)}
 * @param predicate the engine's SQL condition selecting the chunk's rows, or null for the whole table
 * @param stable true when the predicate selects rows by key, so that a resumed run may keep the
 *     chunks an earlier run finished; false when it selects by physical position (rows can move)
 */
public record Chunk(String key, String predicate, boolean stable) {
    /** The whole table as one chunk. */
    public static final Chunk WHOLE = new Chunk("all", null, true);

    public boolean isWhole() {
        return predicate == null;
    }
}
