package dev.doppel.mysql;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A read-only source pinned to one point in time. MySQL cannot hand a snapshot from one session
 * to another, so every reader is opened here, up front: each starts its own
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY} while a brief
 * {@code FLUSH TABLES WITH READ LOCK} holds commits still, so that all of them see the same
 * instant; the lock is released as soon as the last snapshot is open (milliseconds). An account
 * that may not take the lock (no RELOAD privilege, as on RDS and Cloud SQL) gets the same
 * snapshots without it and a warning; with one reader no lock is needed at all.
 */
final class MySqlSource implements SourceDatabase {
    /** Seconds FLUSH TABLES WITH READ LOCK may wait for running statements before doppel gives up on it. */
    private static final int LOCK_WAIT_SECONDS = 10;
    /**
     * Key values per statement when a read-back reads a whole table: a few megabytes where rows
     * are a few hundred bytes and keys dense, so that a range holds a metadata lock briefly.
     */
    private static final long READ_BACK_SLICE_KEYS = 50_000;

    private final MySqlConnector connector;
    private final Connection coordinator;
    private final Deque<Connection> readers;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean synchronised = true;
    private volatile boolean lateReaderWarned;

    /** Whether every reader is a connection of its own in autocommit mode, each read its own consistent read. */
    private final boolean readsApart;
    private boolean closed;

    private MySqlSource(MySqlConnector connector, Connection coordinator, Deque<Connection> readers, boolean readsApart) {
        this.connector = connector;
        this.coordinator = coordinator;
        this.readers = readers;
        this.readsApart = readsApart;
    }

    /**
     * A target doppel has just loaded, read back for verification while its indexes are built:
     * every reader is a fresh connection in autocommit mode, and reads a whole table in ranges of
     * its key, each a statement of its own that holds the table's metadata lock only while it
     * runs; an {@code ALTER TABLE} then waits for one range at most instead of for the table's
     * whole read, or for a transaction that lasts the whole verification. Nothing writes the rows
     * meanwhile, so the reads need no shared snapshot.
     */
    static MySqlSource openReadBack(MySqlConnector connector) {
        return new MySqlSource(connector, connector.open(), new ArrayDeque<>(), true);
    }

    static MySqlSource open(MySqlConnector connector, int readerCount) {
        Connection coordinator = connector.open();
        Deque<Connection> readers = new ArrayDeque<>();
        MySqlSource source = new MySqlSource(connector, coordinator, readers, false);
        try {
            int count = Math.max(1, readerCount);
            for (int i = 0; i < count; i++) {
                Connection reader = connector.open();
                readers.add(reader);
                reader.setAutoCommit(false);
            }
            source.startSnapshots();
            return source;
        } catch (SQLException e) {
            source.close();
            throw new DoppelException(ExitCode.CANNOT_CONNECT, "Cannot open a consistent read on the source ("
                    + connector.describe() + "): " + MySqlErrors.describe(e), e);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private void startSnapshots() throws SQLException {
        boolean locked = false;
        if (readers.size() > 1) {
            locked = lock();
        }
        long start = System.nanoTime();
        try {
            for (Connection reader : readers) {
                try (Statement statement = reader.createStatement()) {
                    statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                }
            }
        } finally {
            if (locked) {
                try (Statement statement = coordinator.createStatement()) {
                    statement.execute("UNLOCK TABLES");
                }
            }
        }
        synchronised = readers.size() <= 1 || locked;
        if (!synchronised) {
            warnings.add(String.format(java.util.Locale.ROOT, "The %d readers of the source started their snapshots %.0f ms"
                    + " apart without a global read lock, so a table may include a transaction another table misses."
                    + " For one instant across all tables, grant the source account RELOAD (FLUSH TABLES WITH READ LOCK),"
                    + " copy from a replica whose replication is paused, or pass --jobs 1.",
                    readers.size(), (System.nanoTime() - start) / 1e6));
        }
    }

    /** Takes the global read lock, or returns false (and says why) when the account may not. */
    private boolean lock() throws SQLException {
        try (Statement statement = coordinator.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
            statement.execute("FLUSH TABLES WITH READ LOCK");
            return true;
        } catch (SQLException e) {
            if (MySqlErrors.isAccessDenied(e)) {
                warnings.add("The source account may not take FLUSH TABLES WITH READ LOCK (" + MySqlErrors.describe(e) + ").");
                return false;
            }
            if (e.getErrorCode() == 1205) {
                warnings.add("FLUSH TABLES WITH READ LOCK waited " + LOCK_WAIT_SECONDS + " s for long-running statements on"
                        + " the source and was given up, so as not to hold up its writes.");
                return false;
            }
            throw e;
        }
    }

    @Override
    public SourceSchema readSchema() {
        try {
            return new MySqlSchemaReader(coordinator, connector.dialect(), connector.database(), warnings).read();
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot read the source's schema (" + connector.describe() + "): "
                    + MySqlErrors.describe(e) + ". The source account needs SELECT, SHOW VIEW, TRIGGER and EVENT on the"
                    + " database.", e);
        }
    }

    /**
     * One of the readers opened in the shared instant; a reader closed intact comes back to them
     * ({@link #giveBack}). When they are used up (a chunk is tried again after its reader broke),
     * a new reader gets a snapshot of its own, which is later than the others: that is said in a
     * warning, and {@link #oneSnapshot()} is false from then on.
     */
    @Override
    public TableReader openReader() {
        if (readsApart) {
            return new MySqlTableReader(connector.open(), connector.describe(), null, READ_BACK_SLICE_KEYS);
        }
        Connection reader;
        synchronized (readers) {
            reader = readers.poll();
        }
        if (reader == null) {
            reader = connector.open();
            try (Statement statement = reader.createStatement()) {
                reader.setAutoCommit(false);
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            } catch (SQLException e) {
                MySqlTableReader.release(reader);
                throw new DoppelException(ExitCode.RUN_FAILED, "Cannot start a snapshot on the source (" + connector.describe()
                        + "): " + MySqlErrors.describe(e), e, MySqlErrors.isTransient(e));
            }
            if (!lateReaderWarned) {
                lateReaderWarned = true;
                warnings.add("A source connection was opened again after a failure; the chunks it reads see the source"
                        + " as of that moment, later than the rest of the copy.");
            }
        }
        return new MySqlTableReader(reader, connector.describe(), this::giveBack, 0);
    }

    @Override
    public List<Chunk> chunks(Table table, long chunkBytes) {
        synchronized (coordinator) {
            try {
                return new MySqlChunker(coordinator).chunks(table, chunkBytes);
            } catch (SQLException e) {
                throw new DoppelException(ExitCode.RUN_FAILED, "Cannot split " + table.name() + " into chunks ("
                        + connector.describe() + "): " + MySqlErrors.describe(e), e, MySqlErrors.isTransient(e));
            }
        }
    }

    /** False when the readers' snapshots started apart (no global read lock) or one was opened later. */
    @Override
    public boolean oneSnapshot() {
        return synchronised && !lateReaderWarned;
    }

    /**
     * Samples on the coordinating connection, so that the scanner and pre-flight never use up a
     * reader opened in the copy's shared instant (a copy worker would then start a later snapshot).
     */
    @Override
    public void sample(Table table, List<Column> columns, int rows, RowConsumer consumer) {
        if (rows <= 0 || columns.isEmpty()) {
            return;
        }
        synchronized (coordinator) {
            new MySqlTableReader(coordinator, connector.describe(), null, 0).sample(new TableCopy(table, columns, null), rows, consumer);
        }
    }

    @Override
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** Takes back a reader's connection, still in its snapshot, for the next {@link #openReader()}. */
    private void giveBack(Connection reader) {
        synchronized (readers) {
            if (!closed) {
                readers.push(reader);
                return;
            }
        }
        MySqlTableReader.release(reader);
    }

    @Override
    public void close() {
        synchronized (readers) {
            closed = true;
            readers.forEach(MySqlTableReader::release);
            readers.clear();
        }
        MySqlConnector.close(coordinator);
    }
}
