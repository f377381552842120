package dev.doppel.core.pipeline;

import dev.doppel.core.schema.TableName;
import dev.doppel.core.text.RowFormat;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one table's copy, read by progress displays from another thread. */
public final class TableProgress {
    private final TableName table;
    private final long estimatedRows;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;
    private final Set<String> formats = ConcurrentHashMap.newKeySet();

    public TableProgress(TableName table, long estimatedRows) {
        this.table = table;
        this.estimatedRows = estimatedRows;
    }

    void add(long addedRows, long addedBytes) {
        rows.addAndGet(addedRows);
        bytes.addAndGet(addedBytes);
    }

    void committedIn(RowFormat format) {
        formats.add(format.name());
    }

    /**
     * The row forms the table's committed chunks travelled in ({@code text}, or an engine's
     * faster form such as PostgreSQL's {@code binary}), sorted.
     */
    public SortedSet<String> formats() {
        return new TreeSet<>(formats);
    }

    void finish() {
        endNanos = System.nanoTime();
    }

    public TableName table() {
        return table;
    }

    /** The engine's estimate, or -1 when it has none. */
    public long estimatedRows() {
        return estimatedRows;
    }

    public long rows() {
        return rows.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public double seconds() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return (end - startNanos) / 1e9;
    }
}
