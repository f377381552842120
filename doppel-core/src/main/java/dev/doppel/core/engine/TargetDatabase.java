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

    /**
     * Like {@link #apply(List)}, with up to {@code options.jobs()} connections for statements
     * that may run side by side (index builds on different tables), and, when resuming, treating
     * "already exists" as done.
     */
    default List<String> apply(List<DdlStatement> statements, ApplyOptions options) {
        return apply(statements);
    }

    /** How {@link #apply(List, ApplyOptions)} may run statements. */
    record ApplyOptions(int jobs, boolean resuming) {
        public static final ApplyOptions SERIAL = new ApplyOptions(1, false);
    }

    /**
     * The bookkeeping that lets an interrupted run continue, kept in the target itself. Empty when
     * the engine cannot resume.
     */
    default java.util.Optional<RunLedger> ledger() {
        return java.util.Optional.empty();
    }

    /** A writer on its own connection. One per worker. */
    TableWriter openWriter();

    /**
     * What the user should know about how the target is written, e.g. that the server refused
     * the engine's bulk path and a slower one is used. Never holds a row value or a credential.
     */
    default List<String> warnings() {
        return List.of();
    }

    @Override
    void close();
}
