package dev.doppel.core.pipeline;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.text.ByteSink;
import dev.doppel.core.text.RowMasker;
import java.util.function.BooleanSupplier;

/** Copies one table: rows stream from the reader through the masker into the writer in batches. */
final class TableCopier {
    private static final int BATCH_BYTES = 1 << 16;

    private final RuleBinder binder;
    private final BooleanSupplier cancelled;

    TableCopier(RuleBinder binder, BooleanSupplier cancelled) {
        this.binder = binder;
        this.cancelled = cancelled;
    }

    void copy(TablePlan plan, TableReader reader, TableWriter writer, TableProgress progress) {
        TableCopy copy = plan.copy();
        RowMasker masker = new RowMasker(binder.bind(plan));
        ByteSink batch = new ByteSink(BATCH_BYTES + (BATCH_BYTES >> 2));
        TableWriter.RowOutput output = writer.begin(copy);
        long[] pending = new long[2];
        try {
            reader.read(copy, (buffer, offset, length) -> {
                masker.mask(buffer, offset, length, batch);
                pending[0]++;
                pending[1] += length;
                if (batch.size() >= BATCH_BYTES) {
                    output.write(batch.array(), 0, batch.size());
                    batch.reset();
                    progress.add(pending[0], pending[1]);
                    pending[0] = 0;
                    pending[1] = 0;
                    if (cancelled.getAsBoolean()) {
                        throw new CancelledException();
                    }
                }
            });
            if (batch.size() > 0) {
                output.write(batch.array(), 0, batch.size());
            }
            progress.add(pending[0], pending[1]);
            output.finish();
        } catch (RuntimeException e) {
            output.abort();
            throw describe(plan, e);
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

    /** Raised inside a copy when another table failed and the run is stopping. */
    static final class CancelledException extends RuntimeException {
        CancelledException() {
            super("cancelled because another table failed", null, false, false);
        }
    }
}
