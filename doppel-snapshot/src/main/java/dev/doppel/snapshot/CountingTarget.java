package dev.doppel.snapshot;

import dev.doppel.core.engine.RunLedger;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.schema.DdlStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A target that adds up, per table, the row counts the server reports for each committed chunk. */
final class CountingTarget implements TargetDatabase {
    private final TargetDatabase target;
    private final Map<String, Long> rows = new ConcurrentHashMap<>();

    CountingTarget(TargetDatabase target) {
        this.target = target;
    }

    Map<String, Long> rows() {
        return Map.copyOf(rows);
    }

    @Override
    public List<String> existingObjects(int limit) {
        return target.existingObjects(limit);
    }

    @Override
    public void clear() {
        target.clear();
    }

    @Override
    public List<String> apply(List<DdlStatement> statements) {
        return target.apply(statements);
    }

    @Override
    public List<String> apply(List<DdlStatement> statements, ApplyOptions options) {
        return target.apply(statements, options);
    }

    @Override
    public Optional<RunLedger> ledger() {
        return target.ledger();
    }

    @Override
    public TableWriter openWriter() {
        TableWriter writer = target.openWriter();
        return new TableWriter() {
            @Override
            public RowOutput begin(TableCopy copy) {
                RowOutput output = writer.begin(copy);
                return new RowOutput() {
                    @Override
                    public void write(byte[] buffer, int offset, int length) {
                        output.write(buffer, offset, length);
                    }

                    @Override
                    public long finish() {
                        long count = output.finish();
                        rows.merge(copy.table().name().toString(), count, Long::sum);
                        return count;
                    }

                    @Override
                    public void abort() {
                        output.abort();
                    }
                };
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }

    @Override
    public void close() {
        target.close();
    }
}
