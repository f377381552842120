package dev.doppel.core.engine;

import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
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

    /**
     * How {@link #apply(List, ApplyOptions)} may run statements.
     *
     * @param asCopied which columns hold the source's own values, for checks the engine may leave out
     * @param built told of each statement an engine's parallel builder finished, for progress
     */
    record ApplyOptions(int jobs, boolean resuming, AsCopied asCopied, Built built) {
        public static final ApplyOptions SERIAL = new ApplyOptions(1, false);

        public ApplyOptions(int jobs, boolean resuming) {
            this(jobs, resuming, AsCopied.NONE, Built.NONE);
        }
    }

    /** Hears of each index, key or constraint built after the load. Called from builder threads. */
    @FunctionalInterface
    interface Built {
        Built NONE = (statement, seconds) -> { };

        /** @param statement what was built; @param seconds how long its statement ran */
        void done(DdlStatement statement, double seconds);
    }

    /**
     * Whether columns of a table hold exactly the source's values, all of them, read in one
     * snapshot: the table copied whole (no {@code where}), the columns without a masking rule, no
     * chunk read in another snapshot (tried again on a fresh connection, or kept from an earlier
     * run). A foreign key between such columns holds on the target exactly when it held on the
     * source, so an engine that checks keys itself before adding them (MySQL) may add it unchecked,
     * as a dump does.
     */
    @FunctionalInterface
    interface AsCopied {
        AsCopied NONE = (table, columns) -> false;
        AsCopied ALL = (table, columns) -> true;

        /** @param table the source's name of the table; @param columns the source's column names */
        boolean unchanged(TableName table, List<String> columns);

        /** Columns both this and {@code other} hold unchanged. */
        default AsCopied and(AsCopied other) {
            return (table, columns) -> unchanged(table, columns) && other.unchanged(table, columns);
        }
    }

    /**
     * The bookkeeping that lets an interrupted run continue, kept in the target itself. Empty when
     * the engine cannot resume.
     */
    default java.util.Optional<RunLedger> ledger() {
        return java.util.Optional.empty();
    }

    /**
     * Whether the rows, once loaded, can be read back on other connections (as a
     * {@link SourceDatabase} of the same engine) while {@link #apply(List, ApplyOptions)} builds the
     * post-data statements, with neither side holding the other up for longer than one table's read.
     * Then leak verification runs alongside the index builds instead of after them. False unless
     * the engine's locks allow it, with a read-back ({@link RelationalEngine#openReadBack}) that
     * lets a table's lock go after each read, or after each range of a table's read: PostgreSQL's
     * CREATE INDEX and InnoDB's online ALTER TABLE let reads through, but for brief exclusive
     * locks that would otherwise wait for a transaction that lasts the whole verification.
     */
    default boolean readableWhileBuilding() {
        return false;
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
