package dev.doppel.core.engine.jdbc;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What one SQL dialect contributes to {@link JdbcRunLedger}: where the ledger's two tables live,
 * how they are created, found and dropped, how a table is emptied, and how a failure is reported.
 *
 * <p>The tables have these columns, whatever their types: {@code run(fingerprint, phase,
 * started_at)} with one row, and {@code chunks(table_schema, table_name, chunk_key, predicate,
 * stable, ordinal, done, row_count)} keyed by the first three.
 */
public interface LedgerTables {
    /** The table holding the run's fingerprint and phase, named as SQL statements write it. */
    String run();

    /** The table holding the chunk plan and each chunk's done mark, named as SQL statements write it. */
    String chunks();

    /** The statements that create both tables, run in order on an autocommit connection. */
    List<String> create();

    /** The statements that drop both tables (and anything created with them). */
    List<String> drop();

    /** True when the table, {@link #run()} or {@link #chunks()}, exists in the connection's database. */
    boolean exists(Connection connection, String table) throws SQLException;

    /**
     * Deletes every row of a target table inside the caller's transaction, so that the rows and
     * the chunks' done marks go together: a statement that commits on its own must not be used.
     */
    void empty(Connection connection, TableName table) throws SQLException;

    /** The SQLSTATE for "chunk not in the ledger", an internal error in this dialect. */
    String internalErrorState();

    /** A failure of the ledger's bookkeeping, described for the user and classed transient or not. */
    DoppelException failed(SQLException e);
}
