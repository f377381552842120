package dev.doppel.snapshot;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code manifest.json} says about a snapshot: where it came from (engine and server
 * version; the source URL only when asked for, and redacted), how it was masked (the plan's
 * fingerprint and which transformer each masked column got), the schema, and per table its rows
 * and data files with their SHA-256. Never a secret nor a row value. The manifest is written
 * last: a snapshot without one is incomplete.
 */
public record Manifest(
        String format,
        int formatVersion,
        String id,
        String createdAt,
        Tool tool,
        Origin origin,
        Policy policy,
        Storage storage,
        Schema schema,
        List<TableData> data,
        Totals totals) {

    public static final String FORMAT = "doppel-snapshot";
    public static final int VERSION = 1;
    public static final String FILE = "manifest.json";
    public static final String SIGNATURE_FILE = "manifest.sig";

    public Manifest {
        data = List.copyOf(data);
    }

    /** The program that wrote the snapshot. */
    public record Tool(String name, String version) {}

    /** @param url the source, redacted; null unless the snapshot was made with --record-source */
    public record Origin(String engine, String serverVersion, String url) {}

    /** @param maskedColumns columns whose values were replaced, over all tables */
    public record Policy(String fingerprint, String keyFingerprint, long maskedColumns, List<PolicyTable> tables) {}

    /**
     * @param filtered true when the config's {@code where} kept only some rows (the predicate itself is not recorded)
     * @param masked column → transformer, for the columns that were masked
     */
    public record PolicyTable(String table, String mode, boolean filtered, Map<String, String> masked) {}

    /** @param encryption null when the data files are not encrypted */
    public record Storage(String compression, Encryption encryption) {}

    /** @param keyId the public id of the key, to tell a wrong key from a damaged file */
    public record Encryption(String algorithm, String keyId, int segmentBytes) {}

    public record Schema(List<TableDef> tables, List<Ddl> ddl) {}

    public record TableDef(String schema, String name, long estimatedRows, long estimatedBytes, List<ColumnDef> columns) {
        static TableDef of(Table table) {
            return new TableDef(table.name().schema(), table.name().name(), table.estimatedRows(), table.estimatedBytes(),
                    table.columns().stream().map(ColumnDef::of).toList());
        }

        TableName tableName() {
            return new TableName(schema, name);
        }

        Table toTable() {
            return new Table(tableName(), columns.stream().map(ColumnDef::toColumn).toList(), estimatedRows, estimatedBytes);
        }
    }

    public record ColumnDef(String name, String nativeType, String kind, boolean nullable, int maxLength, boolean unique,
                            boolean generated, String defaultValue) {
        static ColumnDef of(Column c) {
            return new ColumnDef(c.name(), c.nativeType(), c.kind().name(), c.nullable(), c.maxLength(), c.unique(),
                    c.generated(), c.defaultValue());
        }

        Column toColumn() {
            return new Column(name, nativeType, ColumnKind.valueOf(kind), nullable, maxLength, unique, generated, defaultValue);
        }
    }

    /** @param requires null in manifests written before doppel recorded it: none */
    public record Ddl(String phase, String object, String sql, List<String> dependsOn, boolean optional,
                      List<String> requires) {
        static Ddl of(DdlStatement s) {
            return new Ddl(s.phase().name(), s.object(), s.sql(), s.dependsOn().stream().map(TableName::toString).sorted().toList(),
                    s.optional(), s.requires().isEmpty() ? null : s.requires().stream().sorted().toList());
        }

        DdlStatement toStatement() {
            Set<TableName> needs = dependsOn.stream().map(TableName::parse).collect(Collectors.toSet());
            return new DdlStatement(DdlStatement.Phase.valueOf(phase), object, sql, needs, optional,
                    requires == null ? Set.of() : Set.copyOf(requires));
        }
    }

    /**
     * @param columns the columns in the data files, in order
     * @param unchangedColumns those of them that hold the source's own values, every row, read in
     *     one snapshot (unmasked, the table not filtered, no chunk read again): a foreign key between
     *     such columns held on the source, so a restore may add it unchecked as the run did. Null
     *     (none) in manifests written before doppel recorded it.
     */
    public record TableData(String table, List<String> columns, long rows, List<DataFile> files, List<String> unchangedColumns) {
        /** Whether every one of the columns is among {@link #unchangedColumns}. */
        boolean unchanged(List<String> of) {
            return unchangedColumns != null && unchangedColumns.containsAll(of);
        }
    }

    /**
     * @param bytes the rows' size before compression
     * @param storedBytes the file's size in the store
     * @param sha256 of the stored file, hex
     */
    public record DataFile(String path, String chunk, long rows, long bytes, long storedBytes, String sha256) {}

    public record Totals(int tables, long rows, long bytes, long storedBytes) {}
}
