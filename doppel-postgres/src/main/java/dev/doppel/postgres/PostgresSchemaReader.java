package dev.doppel.postgres;

import static dev.doppel.core.schema.DdlStatement.Phase.POST_DATA;
import static dev.doppel.core.schema.DdlStatement.Phase.PRE_DATA;

import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the source's schema from the catalogs, inside the pinned snapshot, and builds the
 * statements that recreate it: schemas, extensions, types, functions, sequences and tables before
 * the data; keys, indexes, foreign keys, triggers, rules, policies and sequence values after it.
 * Runs with an empty {@code search_path} so that every generated name is schema-qualified.
 */
final class PostgresSchemaReader {
    private static final String AUTOVACUUM = "autovacuum_enabled";

    private final Connection connection;
    private final Map<Long, Relation> relations = new LinkedHashMap<>();
    private final Map<Long, Set<Long>> rewriteDependencies = new HashMap<>();
    private DdlCollector ddl;

    PostgresSchemaReader(Connection connection) {
        this.connection = connection;
    }

    SourceSchema read() throws SQLException {
        String version;
        try (var statement = connection.createStatement()) {
            statement.execute("SELECT pg_catalog.set_config('search_path', '', true)");
            try (var rows = statement.executeQuery("SHOW server_version")) {
                rows.next();
                version = rows.getString(1);
            }
        }
        ddl = new DdlCollector(readComments());
        readRelations();
        readColumns();
        readRewriteDependencies();
        PostgresObjectsReader objects = new PostgresObjectsReader(connection, ddl);
        objects.schemasAndExtensions();
        objects.types();
        objects.functions();
        List<Sequence> sequences = readSequences();
        sequences.stream().filter(s -> s.dependency() != 'i').forEach(s ->
                ddl.pre("sequence " + s.name(), "CREATE SEQUENCE " + s.qualified() + " " + s.options(), Set.of()));
        readConstraints();
        createTables(sequences);
        createViews();
        postSequences(sequences);
        readIndexes();
        readForeignKeys();
        refreshMaterializedViews();
        resumeAutovacuum();
        objects.triggers(relations);
        objects.rules(relations, rewriteDependencies);
        objects.policies(relations);
        List<Table> tables = relations.values().stream().filter(Relation::isCopyUnit).map(this::table).toList();
        return new SourceSchema("postgresql", version, tables, ddl.statements());
    }

    Set<TableName> partitionedTables() {
        return relations.values().stream().filter(r -> r.kind == 'p').map(r -> r.name).collect(Collectors.toSet());
    }

    /**
     * Per copied table, how each column travels in a binary COPY; a column whose type is not safe
     * to copy in binary is left out. Safe are the built-in base, range and multirange types with a
     * binary form (their layout is the same in every database of one major version), enums (sent
     * as their labels), and domains over either. Composite types and arrays of types made in the
     * database are not: their binary form carries type OIDs that differ between databases.
     */
    Map<TableName, Map<String, BinaryField>> binaryFields() {
        Map<TableName, Map<String, BinaryField>> tables = new HashMap<>();
        relations.values().stream().filter(Relation::isCopyUnit).forEach(relation -> {
            Map<String, BinaryField> fields = new HashMap<>();
            relation.columns.forEach(c -> {
                BinaryField field = BinaryField.of(c.binaryType());
                if (field != null) {
                    fields.put(c.name(), field);
                }
            });
            tables.put(relation.name, Map.copyOf(fields));
        });
        return Map.copyOf(tables);
    }

    private Map<String, String> readComments() throws SQLException {
        Map<String, String> comments = new HashMap<>();
        Jdbc.query(connection, "SELECT d.classoid::regclass::text, d.objoid, d.objsubid, d.description FROM pg_description d"
                        + " WHERE d.classoid IN ('pg_class'::regclass, 'pg_namespace'::regclass, 'pg_type'::regclass,"
                        + " 'pg_proc'::regclass, 'pg_constraint'::regclass, 'pg_trigger'::regclass)",
                row -> comments.put(DdlCollector.key(row.getString(1), row.getLong(2), row.getInt(3)), row.getString(4)));
        return comments;
    }

    private void readRelations() throws SQLException {
        String sql = "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition, c.relpersistence = 'u',"
                + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
                + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,"
                + " array_to_string(c.reloptions, ', '),"
                + " CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(greatest(pc.reltuples, 0)), 0)::bigint"
                + "   FROM pg_partition_tree(c.oid) t JOIN pg_class pc ON pc.oid = t.relid) ELSE c.reltuples::bigint END,"
                + " CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_relation_size(t.relid)), 0)::bigint"
                + "   FROM pg_partition_tree(c.oid) t) WHEN c.relkind IN ('r', 'm') THEN pg_relation_size(c.oid) ELSE 0 END,"
                + " c.relispopulated,"
                + " ARRAY(SELECT h.inhparent FROM pg_inherits h WHERE h.inhrelid = c.oid ORDER BY h.inhseqno)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND " + Catalog.USER_SCHEMA
                + " AND " + Catalog.notInExtension("pg_class", "c.oid")
                + " ORDER BY c.oid";
        Jdbc.query(connection, sql, row -> {
            Relation relation = new Relation(row.getLong(1), new TableName(row.getString(2), row.getString(3)),
                    row.getString(4).charAt(0), row.getBoolean(5), row.getBoolean(6), row.getString(7), row.getString(8),
                    row.getString(9), row.getLong(10), row.getLong(11), row.getBoolean(12));
            relation.parents.addAll(longs(row.getArray(13)));
            relations.put(relation.oid, relation);
        });
    }

    private void readColumns() throws SQLException {
        String sql = "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " a.attgenerated, a.attidentity, a.attislocal, pg_get_expr(d.adbin, d.adrelid),"
                + " CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN"
                + "   (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                + "    JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END,"
                + " base.typname, base.typcategory, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,"
                + " EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisunique AND i.indnatts = 1"
                + "   AND i.indkey[0] = a.attnum AND i.indpred IS NULL), t.typnotnull,"
                + " CASE WHEN base.typsend::oid <> 0 AND base.typreceive::oid <> 0 THEN"
                + "   CASE WHEN base.typtype = 'e' THEN 'enum'"
                + "   WHEN base.oid < 16384 AND base.typtype IN ('b', 'r', 'm') THEN base.typname END END"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " JOIN pg_type base ON base.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum";
        Array oids = connection.createArrayOf("oid", relations.keySet().toArray());
        Jdbc.query(connection, sql, row -> relations.get(row.getLong(1)).columns.add(new Relation.RelationColumn(
                row.getInt(2), row.getString(3), row.getString(4), row.getBoolean(5), row.getString(6), row.getString(7),
                row.getBoolean(8), row.getString(9), row.getString(10), row.getString(11), row.getString(12),
                row.getInt(13), row.getBoolean(14), row.getBoolean(15), row.getString(16))), oids);
    }

    private void readRewriteDependencies() throws SQLException {
        Jdbc.query(connection, "SELECT r.oid, r.ev_class, d.refobjid FROM pg_rewrite r JOIN pg_depend d"
                + " ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass"
                + " WHERE d.refobjid <> r.ev_class", row -> {
                    rewriteDependencies.computeIfAbsent(row.getLong(1), k -> new HashSet<>()).add(row.getLong(3));
                    rewriteDependencies.computeIfAbsent(-row.getLong(2), k -> new HashSet<>()).add(row.getLong(3));
                });
    }

    /** The tables a view or rule reads, following views through to the tables beneath them. */
    Set<TableName> baseTables(Set<Long> referenced) {
        Set<TableName> tables = new HashSet<>();
        Set<Long> seen = new HashSet<>();
        List<Long> pending = new ArrayList<>(referenced);
        while (!pending.isEmpty()) {
            long oid = pending.remove(pending.size() - 1);
            Relation relation = relations.get(oid);
            if (relation == null || !seen.add(oid)) {
                continue;
            }
            if (relation.isTable()) {
                tables.add(rootOf(relation).name);
            } else {
                pending.addAll(rewriteDependencies.getOrDefault(-oid, Set.of()));
            }
        }
        return tables;
    }

    private Relation rootOf(Relation relation) {
        Relation current = relation;
        while (current.partition && !current.parents.isEmpty() && relations.containsKey(current.parents.get(0))) {
            current = relations.get(current.parents.get(0));
        }
        return current;
    }

    private List<Sequence> readSequences() throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        String sql = "SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
                + " s.seqmax, s.seqmin, s.seqcache, s.seqcycle, d.deptype, d.refobjid, d.refobjsubid, a.attname,"
                + " ps.last_value"
                + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid"
                + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " LEFT JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notInExtension("pg_class", "c.oid") + " ORDER BY c.oid";
        Jdbc.query(connection, sql, row -> {
            String dependency = row.getString(11);
            long ownerOid = row.getLong(12);
            Relation owner = relations.get(ownerOid);
            sequences.add(new Sequence(row.getLong(1), new TableName(row.getString(2), row.getString(3)), row.getString(4),
                    row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getLong(9), row.getBoolean(10),
                    dependency == null ? ' ' : dependency.charAt(0), owner == null ? null : rootOf(owner).name, ownerOid,
                    row.getInt(13), row.getString(14), (Long) row.getObject(15)));
        });
        return sequences;
    }

    private void readConstraints() throws SQLException {
        String sql = "SELECT con.oid, con.conrelid, con.conname, pg_get_constraintdef(con.oid), con.contype,"
                + " CASE WHEN con.contype IN ('p', 'u') THEN pg_get_indexdef(con.conindid) END, ic.relname,"
                + " con.condeferrable, con.condeferred"
                + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_class ic ON ic.oid = con.conindid"
                + " WHERE con.contype IN ('c', 'p', 'u', 'x') AND con.conparentid = 0 AND con.conislocal AND "
                + Catalog.USER_SCHEMA + " ORDER BY con.contype = 'p' DESC, con.oid";
        Jdbc.query(connection, sql, row -> {
            Relation relation = relations.get(row.getLong(2));
            if (relation == null) {
                return;
            }
            String name = Sql.ident(row.getString(3));
            String definition = row.getString(4);
            char type = row.getString(5).charAt(0);
            Set<TableName> needs = Set.of(rootOf(relation).name);
            String object = "constraint " + row.getString(3) + " on " + relation.name;
            if (type == 'c' && !definition.endsWith("NOT VALID")) {
                relation.inlineChecks.add("CONSTRAINT " + name + " " + definition);
            } else if (row.getString(6) != null && relation.kind == 'r') {
                // the index first, under a SHARE lock that lets the table's other indexes build beside it;
                // then the constraint takes it over in a moment (pg_restore builds them the same way, one job each)
                String index = "index " + row.getString(7) + " on " + relation.name;
                ddl.post(index, row.getString(6), needs);
                ddl.post(object, relation.alter() + " ADD CONSTRAINT " + name + (type == 'p' ? " PRIMARY KEY" : " UNIQUE")
                        + " USING INDEX " + Sql.ident(row.getString(7)) + (row.getBoolean(8) ? " DEFERRABLE" : "")
                        + (row.getBoolean(9) ? " INITIALLY DEFERRED" : ""), needs, Set.of(index));
            } else {
                ddl.post(object, relation.alter() + " ADD CONSTRAINT " + name + " " + definition, needs);
            }
            ddl.comment(POST_DATA, "pg_constraint", row.getLong(1), 0, "CONSTRAINT " + name + " ON " + relation.qualified(), needs);
        });
    }

    private void createTables(List<Sequence> sequences) {
        Map<String, Sequence> identities = new HashMap<>();
        sequences.stream().filter(s -> s.dependency() == 'i')
                .forEach(s -> identities.put(s.ownerTableOid() + ":" + s.ownerColumn(), s));
        List<Relation> tables = relations.values().stream().filter(Relation::isTable)
                .sorted(Comparator.comparingInt(this::depth)).toList();
        for (Relation table : tables) {
            Set<TableName> needs = Set.of(rootOf(table).name);
            ddl.pre("table " + table.name, createTable(table, identities), needs);
            ddl.comment(PRE_DATA, "pg_class", table.oid, 0, "TABLE " + table.qualified(), needs);
            for (Relation.RelationColumn column : table.columns) {
                ddl.comment(PRE_DATA, "pg_class", table.oid, column.number(),
                        "COLUMN " + table.qualified() + "." + Sql.ident(column.name()), needs);
            }
        }
    }

    private int depth(Relation relation) {
        int depth = 0;
        for (Relation r = relation; !r.parents.isEmpty() && relations.containsKey(r.parents.get(0)) && depth < 100;
                r = relations.get(r.parents.get(0))) {
            depth++;
        }
        return depth;
    }

    private String createTable(Relation table, Map<String, Sequence> identities) {
        StringBuilder sql = new StringBuilder("CREATE ").append(table.unlogged ? "UNLOGGED " : "").append("TABLE ")
                .append(table.qualified());
        if (table.partition) {
            sql.append(" PARTITION OF ").append(relations.get(table.parents.get(0)).qualified());
            List<String> checks = table.inlineChecks;
            if (!checks.isEmpty()) {
                sql.append(" (").append(String.join(", ", checks)).append(')');
            }
            sql.append(' ').append(table.partitionBound);
        } else {
            List<String> parts = new ArrayList<>();
            for (Relation.RelationColumn column : table.columns) {
                if (column.local()) {
                    parts.add(columnDefinition(column, identities.get(table.oid + ":" + column.number())));
                }
            }
            parts.addAll(table.inlineChecks);
            sql.append(" (\n    ").append(String.join(",\n    ", parts)).append("\n)");
            if (!table.parents.isEmpty()) {
                sql.append(" INHERITS (").append(table.parents.stream().map(p -> relations.get(p).qualified())
                        .collect(Collectors.joining(", "))).append(')');
            }
        }
        if (table.partitionKey != null) {
            sql.append(" PARTITION BY ").append(table.partitionKey);
        }
        List<String> options = new ArrayList<>();
        if (table.options != null && !table.options.isEmpty()) {
            options.add(table.options);
        }
        if (pausesAutovacuum(table)) {
            options.add(AUTOVACUUM + "=false");
        }
        if (!options.isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", options)).append(')');
        }
        return sql.toString();
    }

    /**
     * Whether the table is created with autovacuum off, and has its setting reset after its indexes
     * and keys are built ({@link #resumeAutovacuum}): a freshly loaded table passes autovacuum's
     * insert threshold, and a vacuum started during the load holds a lock that each index build and
     * foreign key then waits on for {@code deadlock_timeout} before the vacuum gives way, having
     * spent the load's cores on work it throws away. A table the source set it on keeps its own.
     */
    private static boolean pausesAutovacuum(Relation table) {
        return table.kind == 'r' && (table.options == null || !table.options.contains(AUTOVACUUM + "="));
    }

    private void resumeAutovacuum() {
        relations.values().stream().filter(Relation::isTable).filter(PostgresSchemaReader::pausesAutovacuum).forEach(table ->
                ddl.post("autovacuum of table " + table.name, table.alter() + " RESET (" + AUTOVACUUM + ")",
                        Set.of(rootOf(table).name)));
    }

    private static String columnDefinition(Relation.RelationColumn column, Sequence identity) {
        StringBuilder sql = new StringBuilder(Sql.ident(column.name())).append(' ').append(column.type());
        if (column.collation() != null) {
            sql.append(" COLLATE ").append(column.collation());
        }
        if ("s".equals(column.generated())) {
            sql.append(" GENERATED ALWAYS AS (").append(column.defaultExpression()).append(") STORED");
        } else if (column.identity() != null && !column.identity().isEmpty()) {
            sql.append(column.identity().equals("a") ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            if (identity != null) {
                sql.append(" (SEQUENCE NAME ").append(identity.qualified()).append(' ')
                        .append(identity.options().substring(identity.options().indexOf("INCREMENT"))).append(')');
            }
        } else if (column.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(column.defaultExpression());
        }
        if (column.notNull()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    private void createViews() {
        for (Relation view : relations.values()) {
            if (view.isTable()) {
                continue;
            }
            Set<TableName> needs = baseTables(rewriteDependencies.getOrDefault(-view.oid, Set.of()));
            String definition;
            try {
                definition = viewDefinition(view.oid);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the definition of " + view.name, e);
            }
            String options = view.options == null || view.options.isEmpty() ? "" : " WITH (" + view.options + ")";
            String keyword = view.kind == 'm' ? "MATERIALIZED VIEW" : "VIEW";
            String sql = "CREATE " + keyword + " " + view.qualified() + options + " AS\n" + definition
                    + (view.kind == 'm' ? "\nWITH NO DATA" : "");
            ddl.pre(keyword.toLowerCase() + " " + view.name, sql, needs);
            ddl.comment(PRE_DATA, "pg_class", view.oid, 0, keyword + " " + view.qualified(), needs);
            for (Relation.RelationColumn column : view.columns) {
                ddl.comment(PRE_DATA, "pg_class", view.oid, column.number(),
                        "COLUMN " + view.qualified() + "." + Sql.ident(column.name()), needs);
            }
        }
    }

    private String viewDefinition(long oid) throws SQLException {
        String[] definition = new String[1];
        Jdbc.query(connection, "SELECT pg_get_viewdef(?::oid)", row -> definition[0] = row.getString(1), oid);
        String text = definition[0].strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }

    private void postSequences(List<Sequence> sequences) {
        for (Sequence sequence : sequences) {
            Set<TableName> needs = sequence.dependency() == 'i' ? Set.of(sequence.ownerTable()) : Set.of();
            if (sequence.dependency() == 'a' && sequence.ownerTable() != null) {
                Relation owner = relations.get(sequence.ownerTableOid());
                ddl.post("ownership of sequence " + sequence.name(), "ALTER SEQUENCE " + sequence.qualified() + " OWNED BY "
                        + owner.qualified() + "." + Sql.ident(sequence.ownerColumnName()), Set.of(owner.name.equals(sequence.ownerTable())
                        ? sequence.ownerTable() : rootOf(owner).name));
            }
            if (sequence.lastValue() != null) {
                ddl.post("value of sequence " + sequence.name(), "SELECT pg_catalog.setval(" + Sql.literal(sequence.qualified())
                        + ", " + sequence.lastValue() + ", true)", needs);
            }
            ddl.comment(POST_DATA, "pg_class", sequence.oid(), 0, "SEQUENCE " + sequence.qualified(), needs);
        }
    }

    private void readIndexes() throws SQLException {
        String sql = "SELECT i.indexrelid, i.indrelid, pg_get_indexdef(i.indexrelid), ic.relname"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE t.relkind IN ('r', 'p', 'm') AND " + Catalog.USER_SCHEMA
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid"
                + "   AND c.contype IN ('p', 'u', 'x'))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)"
                + " ORDER BY i.indexrelid";
        Jdbc.query(connection, sql, row -> {
            Relation table = relations.get(row.getLong(2));
            if (table == null) {
                return;
            }
            Set<TableName> needs = table.isTable() ? Set.of(rootOf(table).name)
                    : baseTables(rewriteDependencies.getOrDefault(-table.oid, Set.of()));
            String definition = row.getString(3).replace(" ON ONLY ", " ON ");
            ddl.post("index " + row.getString(4) + " on " + table.name, definition, needs);
            ddl.comment(POST_DATA, "pg_class", row.getLong(1), 0,
                    "INDEX " + Sql.qualified(table.name.schema(), row.getString(4)), needs);
        });
    }

    /**
     * Each foreign key names the referenced table's key it needs, so it can be added as soon as
     * that key is built. One the source holds valid, from a plain table to a plain table, is added
     * {@code NOT VALID} and then checked by a second statement, {@code VALIDATE CONSTRAINT}: the
     * check's locks let the referenced table's other indexes build beside it (see
     * {@link PostgresIndexBuilder}), and the target ends with the same, validated key. A
     * partitioned table cannot take a {@code NOT VALID} foreign key, so its keys are added checked.
     */
    private void readForeignKeys() throws SQLException {
        String sql = "SELECT con.oid, con.conrelid, con.confrelid, con.conname, pg_get_constraintdef(con.oid),"
                + " con.convalidated, kc.conname, ki.relname"
                + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_constraint kc ON kc.conrelid = con.confrelid AND kc.conindid = con.conindid"
                + "   AND kc.contype IN ('p', 'u')"
                + " LEFT JOIN pg_class ki ON ki.oid = con.conindid"
                + " WHERE con.contype = 'f' AND con.conparentid = 0 AND " + Catalog.USER_SCHEMA + " ORDER BY con.oid";
        Jdbc.query(connection, sql, row -> {
            Relation table = relations.get(row.getLong(2));
            Relation referenced = relations.get(row.getLong(3));
            if (table == null || referenced == null) {
                return;
            }
            Set<TableName> needs = new HashSet<>(List.of(rootOf(table).name, rootOf(referenced).name));
            String name = Sql.ident(row.getString(4));
            String object = "foreign key " + row.getString(4) + " on " + table.name;
            String add = table.alter() + " ADD CONSTRAINT " + name + " " + row.getString(5);
            String key = row.getString(7) != null ? "constraint " + row.getString(7) + " on " + referenced.name
                    : row.getString(8) != null ? "index " + row.getString(8) + " on " + referenced.name : null;
            Set<String> requires = key == null ? Set.of() : Set.of(key);
            if (row.getBoolean(6) && key != null && table.kind == 'r' && referenced.kind == 'r' && !table.partition
                    && !referenced.partition) {
                ddl.post(object, add + " NOT VALID", needs, requires);
                ddl.post(PostgresIndexBuilder.CHECK_OF + object, table.alter() + " VALIDATE CONSTRAINT " + name, needs,
                        Set.of(object));
            } else {
                ddl.post(object, add, needs, requires);
            }
            ddl.comment(POST_DATA, "pg_constraint", row.getLong(1), 0, "CONSTRAINT " + name + " ON " + table.qualified(), needs);
        });
    }

    private void refreshMaterializedViews() {
        relations.values().stream().filter(r -> r.kind == 'm' && r.populated).forEach(view ->
                ddl.post("data of materialized view " + view.name, "REFRESH MATERIALIZED VIEW " + view.qualified(),
                        baseTables(rewriteDependencies.getOrDefault(-view.oid, Set.of()))));
    }

    private Table table(Relation relation) {
        List<Column> columns = relation.columns.stream().map(c -> new Column(c.name(), c.type(),
                PostgresTypes.kind(c.baseType(), c.category()), !(c.notNull() || c.domainNotNull()),
                PostgresTypes.maxLength(c.baseType(), c.typmod()), c.unique(), "s".equals(c.generated()),
                PostgresDefaults.literal(c.defaultExpression()))).toList();
        return new Table(relation.name, columns, relation.estimatedRows, relation.estimatedBytes);
    }

    private static List<Long> longs(Array array) throws SQLException {
        List<Long> values = new ArrayList<>();
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                values.add(((Number) value).longValue());
            }
        }
        return values;
    }
}
