package dev.doppel.snapshot;

import dev.doppel.core.engine.Engines;
import dev.doppel.core.engine.SqlScriptWriter;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code doppel export --format sql}: a snapshot as one plain SQL script for the engine's own
 * client — schema, rows, then keys, indexes and the rest — checked file by file like a restore.
 */
public final class SnapshotExport {
    private final Engines engines;

    public SnapshotExport(Engines engines) {
        this.engines = engines;
    }

    /** What was written. */
    public record Exported(int tables, long rows, int statements) {}

    /** @param progress told about each table as it is written */
    public Exported write(OpenedSnapshot snapshot, OutputStream out, Consumer<String> progress) {
        String engineName = snapshot.manifest().origin().engine();
        SqlScriptWriter script = engines.relationalByName(engineName).sqlScript().orElseThrow(() -> new DoppelException(
                ExitCode.BAD_INPUT, "The " + engineName + " engine cannot write SQL scripts"));
        SnapshotSource source = new SnapshotSource(snapshot);
        SourceSchema schema = source.readSchema();
        Map<TableName, Table> tables = schema.tablesByName();
        long rows = 0;
        int statements = 0;
        try {
            script.begin(out);
            for (DdlStatement statement : schema.ddl()) {
                if (statement.phase() == DdlStatement.Phase.PRE_DATA) {
                    script.statement(out, statement);
                    statements++;
                }
            }
            for (Manifest.TableData data : snapshot.manifest().data()) {
                TableName name = TableName.parse(data.table());
                Table table = tables.get(name);
                List<Column> columns = data.columns().stream().map(c -> table.column(c).orElseThrow(() ->
                        new SnapshotRefused("the manifest lists column " + c + " of " + name + " in the data but not in"
                                + " the schema: it is damaged"))).toList();
                progress.accept("exporting " + name + ": " + data.rows() + " rows");
                script.beginRows(out, name, columns);
                for (Manifest.DataFile file : data.files()) {
                    source.streamBlocks(file, (buffer, offset, length) -> script.rows(out, buffer, offset, length));
                }
                script.endRows(out);
                rows += data.rows();
            }
            for (DdlStatement statement : schema.ddl()) {
                if (statement.phase() == DdlStatement.Phase.POST_DATA) {
                    script.statement(out, statement);
                    statements++;
                }
            }
            script.end(out);
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot write the SQL script: " + e.getMessage(), e);
        }
        return new Exported(snapshot.manifest().data().size(), rows, statements);
    }
}
