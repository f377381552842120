package dev.doppel.core.pipeline;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.text.ByteSink;
import dev.doppel.core.text.RowFormat;
import dev.doppel.core.text.RowMasker;
import dev.doppel.core.transform.ValueTransform;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Copies one chunk of a table: rows stream from the reader through the masker into the writer in
 * batches of about 64 KB, so memory stays bounded whatever the table's size. When the copy fails,
 * the rows it had counted are taken off the table's progress again, so that a retry counts right.
 * Rows travel in the reader's faster form when the writer takes it too. A value that form cannot
 * carry ends the attempt with {@link RowFormat.TextNeeded}, after which the chunk, and the
 * table's later chunks, are copied in RowText form; the caller opens fresh connections for that,
 * as a COPY broken off mid-stream leaves its connection in no state to go on.
 */
final class TableCopier {
    private static final int BATCH_BYTES = 1 << 16;
    private static final int RETAINED_CAPACITY = 1 << 20;

    private final RuleBinder binder;
    private final CopyObserver observer;
    private final BooleanSupplier cancelled;
    /** Tables a faster form could not carry a value of: their later chunks go in RowText form at once. */
    private final Set<TableName> textOnly = ConcurrentHashMap.newKeySet();

    TableCopier(RuleBinder binder, CopyObserver observer, BooleanSupplier cancelled) {
        this.binder = binder;
        this.observer = observer;
        this.cancelled = cancelled;
    }

    void copy(TablePlan plan, Chunk chunk, TableReader reader, TableWriter writer, TableProgress progress) {
        TableCopy copy = plan.copy().withChunk(chunk).readingAsNull(binder.readAsNull(plan));
        ValueTransform[] transforms = binder.bind(plan);
        RowFormat faster = textOnly.contains(plan.table().name()) ? null : reader.fasterFormat(copy);
        if (faster != null && writer.takes(faster) && RowMasker.decodesRuledFields(transforms, faster)) {
            try {
                copy(plan, copy.inFormat(faster), transforms, reader, writer, progress);
            } catch (RowFormat.TextNeeded e) {
                textOnly.add(plan.table().name());
                throw e;
            }
            return;
        }
        copy(plan, copy, transforms, reader, writer, progress);
    }

    private void copy(TablePlan plan, TableCopy copy, ValueTransform[] transforms, TableReader reader, TableWriter writer,
                      TableProgress progress) {
        Chunk chunk = copy.chunk();
        CopyObserver.ChunkObserver seen = observer.chunk(plan, chunk);
        RowMasker masker = new RowMasker(transforms, copy.format(), seen != null);
        Batch batch = new Batch(progress);
        TableWriter.RowOutput output = writer.begin(copy);
        try {
            reader.read(copy, (buffer, offset, length) -> {
                masker.mask(buffer, offset, length, batch.sink);
                if (seen != null) {
                    seen.row(masker);
                }
                batch.rows++;
                batch.bytes += length;
                if (batch.sink.size() >= BATCH_BYTES) {
                    batch.flush(output);
                    if (cancelled.getAsBoolean()) {
                        throw new CancelledException();
                    }
                }
            });
            batch.flush(output);
            output.finish();
            progress.committedIn(copy.format());
            if (seen != null) {
                seen.committed();
            }
        } catch (RuntimeException e) {
            output.abort();
            progress.add(-batch.countedRows, -batch.countedBytes);
            throw describe(plan, e);
        }
    }

    /** Rows masked but not yet written, and what has been counted in the progress so far. */
    private static final class Batch {
        final TableProgress progress;
        ByteSink sink = new ByteSink(BATCH_BYTES + (BATCH_BYTES >> 2));
        long rows;
        long bytes;
        long countedRows;
        long countedBytes;

        Batch(TableProgress progress) {
            this.progress = progress;
        }

        void flush(TableWriter.RowOutput output) {
            if (sink.size() > 0) {
                output.write(sink.array(), 0, sink.size());
                if (sink.array().length > RETAINED_CAPACITY) {
                    sink = new ByteSink(BATCH_BYTES + (BATCH_BYTES >> 2));
                } else {
                    sink.reset();
                }
            }
            progress.add(rows, bytes);
            countedRows += rows;
            countedBytes += bytes;
            rows = 0;
            bytes = 0;
        }
    }

    private static RuntimeException describe(TablePlan plan, RuntimeException e) {
        if (e instanceof RowMasker.TransformFailedException failed) {
            var column = plan.copiedColumns().get(failed.field());
            return new DoppelException(ExitCode.RUN_FAILED, "Masking " + plan.table().name() + "." + column.column().name()
                    + " with '" + column.transformer() + "' failed on a value (" + failed.getCause().getClass().getSimpleName()
                    + "); check that the transformer fits the column type " + column.column().nativeType(), e);
        }
        if (e instanceof RowMasker.MalformedRowException) {
            return new DoppelException(ExitCode.INTERNAL, "Copying " + plan.table().name() + ": " + e.getMessage(), e);
        }
        return e;
    }

    /** Raised inside a copy when another chunk failed and the run is stopping. */
    static final class CancelledException extends RuntimeException {
        CancelledException() {
            super("cancelled because another chunk failed", null, false, false);
        }
    }
}
