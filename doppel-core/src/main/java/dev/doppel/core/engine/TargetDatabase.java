package dev.doppel.core.engine;

import dev.doppel.core.schema.DdlStatement;
import java.util.List;

/** An open target database. */
public interface TargetDatabase extends AutoCloseable {
    /** A few names of objects the target already holds (at most {@code limit}); empty means it is empty. */
    List<String> existingObjects(int limit);

    /** Drops everything {@link #existingObjects} would list, for {@code --replace}. */
    void clear();

    /**
     * Runs the statements of one phase. Statements whose dependencies are not there yet are tried
     * again after the others, so their order need not be perfect.
     *
     * @return warnings about optional statements that failed
     * @throws dev.doppel.core.error.DoppelException naming the object when a statement cannot run
     */
    List<String> apply(List<DdlStatement> statements);

    /** A writer on its own connection. One per worker. */
    TableWriter openWriter();

    @Override
    void close();
}
