package dev.doppel.mysql;

import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.DdlStatement.Phase;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one database: its tables and columns from {@code information_schema}, and the statements
 * that recreate it from {@code SHOW CREATE}. Before the data: database defaults, sequences,
 * tables (primary key and checks only), routines and views. After: secondary indexes, foreign
 * keys, sequence positions, triggers and events.
 */
final class MySqlSchemaReader {
    private final Connection connection;
    private final MySqlDialect dialect;
    private final String database;
    private final List<String> warnings;
    private final List<DdlStatement> pre = new ArrayList<>();
    private final List<DdlStatement> indexes = new ArrayList<>();
    private final List<DdlStatement> post = new ArrayList<>();

    MySqlSchemaReader(Connection connection, MySqlDialect dialect, String database, List<String> warnings) {
        this.connection = connection;
        this.dialect = dialect;
        this.database = database;
        this.warnings = warnings;
    }

    SourceSchema read() throws SQLException {
        databaseDefaults();
        MySqlObjectsReader objects = new MySqlObjectsReader(connection, database, warnings);
        Map<String, TableInfo> infos = tables();
        Set<TableName> names = new HashSet<>();
        infos.values().forEach(t -> names.add(t.name));
        if (dialect.hasSequences()) {
            objects.sequences(pre, post);
        }
        List<Table> tables = new ArrayList<>();
        List<DdlStatement> foreignKeys = new ArrayList<>();
        for (TableInfo info : infos.values()) {
            tables.add(new Table(info.name, info.columns, info.estimatedRows, info.estimatedBytes));
            tableDdl(info, foreignKeys);
        }
        objects.routines().forEach(o -> pre.add(o.create()));
        objects.views(names).forEach(o -> pre.add(o.create()));
        objects.triggers().forEach(o -> post.add(o.create()));
        objects.events(true).forEach(o -> post.add(o.create()));
        List<DdlStatement> ddl = new ArrayList<>(pre);
        ddl.addAll(indexes);
        ddl.addAll(foreignKeys);
        ddl.addAll(post);
        return new SourceSchema("mysql", dialect.toString(), tables, ddl);
    }

    private void databaseDefaults() throws SQLException {
        Jdbc.query(connection, "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = ?", row -> pre.add(new DdlStatement(Phase.PRE_DATA, "defaults of database "
                        + database, "ALTER DATABASE CHARACTER SET " + row.getString(1) + " COLLATE " + row.getString(2),
                        Set.of(), true)), database);
    }

    private Map<String, TableInfo> tables() throws SQLException {
        Map<String, TableInfo> tables = new LinkedHashMap<>();
        Jdbc.query(connection, "SELECT TABLE_NAME, COALESCE(TABLE_ROWS, -1), COALESCE(DATA_LENGTH, -1)"
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN (" + dialect.tableTypes() + ")"
                + " ORDER BY TABLE_NAME", row -> tables.put(row.getString(1),
                        new TableInfo(new TableName(database, row.getString(1)), row.getLong(2), row.getLong(3))), database);
        Map<String, Set<String>> unique = new HashMap<>();
        Jdbc.query(connection, "SELECT TABLE_NAME, MIN(COLUMN_NAME) FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 0 GROUP BY TABLE_NAME, INDEX_NAME HAVING COUNT(*) = 1",
                row -> unique.computeIfAbsent(row.getString(1), k -> new HashSet<>()).add(row.getString(2)), database);
        Set<String> json = dialect.jsonColumns(connection, database);
        Jdbc.query(connection, "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.DATA_TYPE, c.IS_NULLABLE,"
                + " COALESCE(c.CHARACTER_MAXIMUM_LENGTH, -1), c.EXTRA, " + dialect.generatedColumnCondition() + ", c.COLUMN_DEFAULT"
                + " FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = ? ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION",
                row -> {
                    TableInfo table = tables.get(row.getString(1));
                    if (table == null) {
                        return;
                    }
                    String name = row.getString(2);
                    String dataType = row.getString(4);
                    boolean isJson = json.contains(table.name.name() + "." + name);
                    String extra = row.getString(7) == null ? "" : row.getString(7).toLowerCase(java.util.Locale.ROOT);
                    if (extra.contains("auto_increment")) {
                        table.autoIncrementColumn = name;
                    }
                    table.columns.add(new Column(name, row.getString(3), MySqlTypes.kind(dataType, isJson),
                            "YES".equals(row.getString(5)), MySqlTypes.maxLength(dataType, row.getLong(6)),
                            unique.getOrDefault(table.name.name(), Set.of()).contains(name), row.getBoolean(8),
                            dialect.constantDefault(row.getString(9), row.getString(7))));
                }, database);
        return tables;
    }

    private void tableDdl(TableInfo info, List<DdlStatement> foreignKeys) throws SQLException {
        String[] show = new String[1];
        Catalog.showCreate(connection, "SHOW CREATE TABLE " + Sql.qualified(info.name), row -> show[0] = row.getString(2));
        if (show[0] == null) {
            throw new SQLException("SHOW CREATE TABLE showed nothing for " + info.name);
        }
        CreateTable split = CreateTable.split(show[0], info.autoIncrementColumn);
        Set<TableName> self = Set.of(info.name);
        pre.add(new DdlStatement(Phase.PRE_DATA, "table " + info.name, split.create(), self));
        String alter = "ALTER TABLE " + Sql.ident(info.name.name()) + " ";
        if (!split.indexes().isEmpty()) {
            indexes.add(new DdlStatement(Phase.POST_DATA, "indexes of " + info.name,
                    alter + "ADD " + String.join(",\n  ADD ", split.indexes()), self));
        }
        for (String fulltext : split.fulltextIndexes()) {
            indexes.add(new DdlStatement(Phase.POST_DATA, "full-text index of " + info.name, alter + "ADD " + fulltext, self));
        }
        if (!split.foreignKeys().isEmpty()) {
            Set<TableName> needs = new HashSet<>(self);
            for (String referenced : split.referencedTables()) {
                TableName parent = referenced.contains(".") ? TableName.parse(referenced) : new TableName(database, referenced);
                if (parent != null) {
                    needs.add(parent);
                }
            }
            foreignKeys.add(new DdlStatement(Phase.POST_DATA, "foreign keys of " + info.name,
                    alter + "ADD " + String.join(",\n  ADD ", split.foreignKeys()), needs));
        }
    }

    /** What the catalog says about one table. */
    private static final class TableInfo {
        final TableName name;
        final long estimatedRows;
        final long estimatedBytes;
        final List<Column> columns = new ArrayList<>();
        String autoIncrementColumn;

        TableInfo(TableName name, long estimatedRows, long estimatedBytes) {
            this.name = name;
            this.estimatedRows = estimatedRows;
            this.estimatedBytes = estimatedBytes;
        }
    }
}
