package dev.doppel.core.engine;

import dev.doppel.core.schema.TableName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bookkeeping of a run in progress, stored in the target so that a chunk's rows and the mark
 * that it is done commit in one transaction: after a crash, {@code run --resume} skips exactly the
 * chunks whose rows are there and copies the rest, without duplicating a row. The ledger is
 * dropped when the run finishes.
 */
public interface RunLedger {
    /** Where a run stands. */
    enum Phase { SCHEMA, DATA, CONSTRAINTS }

    /**
     * The fingerprint of the unfinished run in the target, if there is one; for a run left by a
     * build whose bookkeeping this one cannot continue, a text that equals no fingerprint.
     */
    Optional<String> unfinishedRun();

    /** Starts the bookkeeping of a new run, in phase {@link Phase#SCHEMA}. */
    void begin(String fingerprint);

    Phase phase();

    void phase(Phase phase);

    /** Records the chunk plan, so that a resumed run reads the same chunk boundaries. */
    void planChunks(Map<TableName, List<Chunk>> chunks);

    /** The chunk plan recorded by {@link #planChunks}, in table order. */
    Map<TableName, List<Chunk>> plannedChunks();

    /** The chunks whose rows are committed, as {@link #chunkId}. */
    Set<String> finishedChunks();

    /** Empties a table and forgets its finished chunks, for tables whose chunks are not stable. */
    void restartTable(TableName table);

    /** Drops the bookkeeping: the run is complete. */
    void end();

    static String chunkId(TableName table, Chunk chunk) {
        return table + "/" + chunk.key();
    }
}
