package dev.doppel.snapshot;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A snapshot seen by the copy pipeline as a source: its schema is the manifest's, each data file
 * is one chunk, and a reader checks a file's size and SHA-256 before it hands over a single row,
 * then checks the row count at its end. A failed check refuses the snapshot (exit 4).
 */
public final class SnapshotSource implements SourceDatabase {
    private final OpenedSnapshot snapshot;
    private final Map<String, Manifest.TableData> tables;

    public SnapshotSource(OpenedSnapshot snapshot) {
        this.snapshot = snapshot;
        this.tables = snapshot.tables();
    }

    /** Tables with their exact row counts as the estimate, so progress bars are right. */
    @Override
    public SourceSchema readSchema() {
        Manifest manifest = snapshot.manifest();
        List<Table> tableList = manifest.schema().tables().stream().map(Manifest.TableDef::toTable).map(t -> {
            Manifest.TableData data = tables.get(t.name().toString());
            return data == null ? t : new Table(t.name(), t.columns(), data.rows(), t.estimatedBytes());
        }).toList();
        return new SourceSchema(manifest.origin().engine(), manifest.origin().serverVersion(), tableList,
                manifest.schema().ddl().stream().map(Manifest.Ddl::toStatement).toList());
    }

    @Override
    public List<Chunk> chunks(Table table, long chunkBytes) {
        Manifest.TableData data = tables.get(table.name().toString());
        if (data == null) {
            return List.of();
        }
        return data.files().stream().map(f -> new Chunk(f.path(), f.path(), true)).toList();
    }

    @Override
    public TableReader openReader() {
        return new TableReader() {
            @Override
            public void read(TableCopy copy, RowConsumer consumer) {
                Manifest.TableData data = tables.get(copy.table().name().toString());
                if (data == null) {
                    throw new DoppelException(ExitCode.INTERNAL, "The snapshot has no data for " + copy.table().name());
                }
                List<Manifest.DataFile> files = copy.chunk().isWhole() ? data.files() : data.files().stream()
                        .filter(f -> f.path().equals(copy.chunk().key())).toList();
                if (files.isEmpty() && !copy.chunk().isWhole()) {
                    throw new DoppelException(ExitCode.INTERNAL, "The snapshot has no data file " + copy.chunk().key()
                            + " for " + copy.table().name());
                }
                RowConsumer target = Projection.of(data.columns(), copy.columns().stream().map(c -> c.name()).toList(),
                        copy.table().name().toString(), consumer);
                files.forEach(file -> stream(file, target));
            }

            /** A table's data files, each a part; the whole table when it has none (read then says why). */
            @Override
            public List<Chunk> parts(TableCopy copy) {
                List<Chunk> files = copy.chunk().isWhole() ? chunks(copy.table(), 0) : List.of();
                return files.isEmpty() ? List.of(copy.chunk()) : files;
            }

            @Override
            public void close() {
                // each read opens and closes its own file
            }
        };
    }

    /** Streams the rows of one checked data file to the consumer, one row per call. */
    void stream(Manifest.DataFile file, RowConsumer consumer) {
        streamBlocks(file, (buffer, offset, length) -> RowSplitter.eachRow(buffer, offset, length, consumer));
    }

    /** Streams whole blocks of rows, for writers that take many rows at once (SQL export). */
    void streamBlocks(Manifest.DataFile file, RowSplitter.BlockConsumer consumer) {
        String where = snapshot.uri() + file.path();
        try (SnapshotStore.Local local = snapshot.store().fetch(snapshot.prefix() + file.path())
                .orElseThrow(() -> new SnapshotRefused(where + " is missing: the snapshot is truncated"))) {
            DataFiles.verify(local.file(), file, where);
            long rows;
            try (InputStream in = DataFiles.rows(local.file(), snapshot.key(), file.path())) {
                rows = RowSplitter.blocks(in, consumer);
            }
            if (rows != file.rows()) {
                throw new SnapshotRefused(where + " holds " + rows + " rows where the manifest says " + file.rows());
            }
        } catch (SegmentCipher.TamperedException e) {
            throw new SnapshotRefused(where + " cannot be decrypted: " + e.getMessage()
                    + "; it was changed, or belongs to another snapshot");
        } catch (IOException e) {
            throw new SnapshotRefused(where + " cannot be read (" + e.getClass().getSimpleName()
                    + "): it is damaged or truncated");
        }
    }

    /**
     * False: the files may come from a snapshot whose chunks were read at different moments (a
     * retried chunk); {@link #asRead} says which columns were not.
     */
    @Override
    public boolean oneSnapshot() {
        return false;
    }

    /** The columns the manifest records as the source's own values; other keys the target checks. */
    @Override
    public TargetDatabase.AsCopied asRead() {
        return (table, columns) -> {
            Manifest.TableData data = tables.get(table.toString());
            return data != null && data.unchanged(columns);
        };
    }

    @Override
    public void close() {
        // the store belongs to the caller
    }
}
