package dev.doppel.core.pipeline;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.RowValues;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sees the rows of a copy as they pass through the masker, so that leak verification learns the
 * source without reading it again ({@link dev.doppel.core.verify.SourceFilters}). Called from
 * every copy worker at once: implementations are thread-safe, the {@link ChunkObserver}s they hand
 * out need not be.
 */
public interface CopyObserver {
    /** Observes nothing. */
    CopyObserver NONE = (table, chunk) -> null;

    /**
     * The chunks the copy will go through before any is copied.
     *
     * @param skipped ids ({@link dev.doppel.core.engine.RunLedger#chunkId}) of the chunks an earlier,
     *     resumed run copied, whose rows this copy will not see
     */
    default void planned(Map<TableName, List<Chunk>> chunks, Set<String> skipped) {}

    /**
     * Called by a worker each time it starts copying a chunk (again, after a failed attempt).
     *
     * @return what sees the chunk's rows, or null when the table's rows need not be seen
     */
    ChunkObserver chunk(TablePlan table, Chunk chunk);

    /** One attempt at copying one chunk, by one worker. */
    interface ChunkObserver {
        /** A row just masked: its source values and the values it is written with. */
        void row(RowValues row);

        /** The chunk's rows were written and committed: this attempt saw each of them once. */
        void committed();
    }
}
