package dev.doppel.snapshot;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A snapshot being written, seen by the copy pipeline as a target: schema statements are
 * recorded, and each chunk of rows becomes one compressed (and optionally encrypted) data file.
 * A chunk tried again overwrites its own file. The manifest is written by {@link SnapshotWriter}
 * once everything is in.
 */
final class SnapshotTarget implements TargetDatabase {
    private final SnapshotStore store;
    private final String prefix;
    private final EncryptionKey key;
    private final int compressionLevel;
    private final List<DdlStatement> ddl = Collections.synchronizedList(new ArrayList<>());
    private final Map<TableName, Map<String, Manifest.DataFile>> files = new ConcurrentHashMap<>();
    private final Map<TableName, List<String>> columns = new ConcurrentHashMap<>();
    private final Map<String, String> paths = new ConcurrentHashMap<>();
    private final Map<TableName, Integer> counters = new LinkedHashMap<>();
    private volatile TargetDatabase.AsCopied asCopied = TargetDatabase.AsCopied.NONE;

    SnapshotTarget(SnapshotStore store, String prefix, EncryptionKey key, int compressionLevel) {
        this.store = store;
        this.prefix = prefix;
        this.key = key;
        this.compressionLevel = compressionLevel;
    }

    @Override
    public List<String> existingObjects(int limit) {
        return store.list(prefix + Manifest.FILE).isEmpty() ? List.of() : List.of("snapshot " + store.uri() + prefix);
    }

    @Override
    public void clear() {
        store.delete(store.list(prefix).stream().map(SnapshotStore.Entry::path).toList());
    }

    @Override
    public List<String> apply(List<DdlStatement> statements) {
        ddl.addAll(statements);
        return List.of();
    }

    /**
     * Records, besides the statements, which columns the run wrote as the source's own values
     * (told with the statements built after the load), for {@link #unchanged}.
     */
    @Override
    public List<String> apply(List<DdlStatement> statements, ApplyOptions options) {
        if (statements.stream().anyMatch(s -> s.phase() == DdlStatement.Phase.POST_DATA)) {
            asCopied = options.asCopied();
        }
        return apply(statements);
    }

    List<DdlStatement> ddl() {
        return List.copyOf(ddl);
    }

    /** The columns of the table the run wrote exactly as the source held them, every row, read in one snapshot. */
    List<String> unchanged(TableName table, List<String> columns) {
        TargetDatabase.AsCopied known = asCopied;
        return columns.stream().filter(c -> known.unchanged(table, List.of(c))).toList();
    }

    /** The data files per table, in the order their chunks were started. */
    Map<TableName, List<Manifest.DataFile>> files() {
        Map<TableName, List<Manifest.DataFile>> result = new LinkedHashMap<>();
        files.forEach((table, byChunk) -> result.put(table, byChunk.values().stream()
                .sorted(Comparator.comparing(Manifest.DataFile::path)).toList()));
        return result;
    }

    Map<TableName, List<String>> columns() {
        return Map.copyOf(columns);
    }

    private synchronized String pathOf(TableName table, String chunk) {
        return paths.computeIfAbsent(table + "\u0000" + chunk, k -> {
            int next = counters.merge(table, 1, Integer::sum);
            return "data/" + folder(table) + "/" + String.format("%05d", next) + ".tsv.zst";
        });
    }

    /** {@code schema.table} with anything but letters, digits, {@code _} and {@code -} percent-encoded. */
    static String folder(TableName table) {
        return escape(table.schema()) + "." + escape(table.name());
    }

    private static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    @Override
    public TableWriter openWriter() {
        return new TableWriter() {
            @Override
            public RowOutput begin(TableCopy copy) {
                TableName table = copy.table().name();
                columns.putIfAbsent(table, copy.columns().stream().map(Column::name).toList());
                String path = pathOf(table, copy.chunk().key());
                return new Output(table, copy.chunk().key(), path);
            }

            @Override
            public void close() {
                // each output holds its own upload
            }
        };
    }

    private final class Output implements TableWriter.RowOutput {
        private final TableName table;
        private final String chunk;
        private final String path;
        private final SnapshotStore.Upload upload;
        private final DataFiles.Sealed sealed;
        private final OutputStream rows;
        private long rowCount;
        private long bytes;

        Output(TableName table, String chunk, String path) {
            this.table = table;
            this.chunk = chunk;
            this.path = path;
            this.upload = store.upload(prefix + path);
            this.sealed = new DataFiles.Sealed(upload.stream());
            try {
                this.rows = DataFiles.rows(sealed, key, path, compressionLevel);
            } catch (IOException e) {
                upload.abort();
                throw failure(e);
            }
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            try {
                rows.write(buffer, offset, length);
            } catch (IOException e) {
                throw failure(e);
            }
            for (int i = offset, end = offset + length; i < end; i++) {
                if (buffer[i] == '\n') {
                    rowCount++;
                }
            }
            bytes += length;
        }

        @Override
        public long finish() {
            try {
                rows.close();
            } catch (IOException e) {
                upload.abort();
                throw failure(e);
            }
            upload.commit();
            files.computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                    .put(chunk, new Manifest.DataFile(path, chunk, rowCount, bytes, sealed.bytes(), sealed.hex()));
            return rowCount;
        }

        @Override
        public void abort() {
            try {
                rows.close();
            } catch (IOException ignored) {
                // the upload is dropped anyway
            }
            upload.abort();
        }

        private DoppelException failure(IOException e) {
            return new DoppelException(ExitCode.RUN_FAILED, "Writing " + store.uri() + prefix + path + " failed: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e, true);
        }
    }

    @Override
    public void close() {
        // the writer's uploads are committed or aborted one by one
    }
}
