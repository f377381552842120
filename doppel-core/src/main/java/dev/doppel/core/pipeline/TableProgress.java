package dev.doppel.core.pipeline;

import dev.doppel.core.schema.TableName;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one table's copy, read by progress displays from another thread. */
public final class TableProgress {
    private final TableName table;
    private final long estimatedRows;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;

    public TableProgress(TableName table, long estimatedRows) {
        this.table = table;
        this.estimatedRows = estimatedRows;
    }

    void add(long addedRows, long addedBytes) {
        rows.addAndGet(addedRows);
        bytes.addAndGet(addedBytes);
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
