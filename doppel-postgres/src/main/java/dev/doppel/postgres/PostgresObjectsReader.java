package dev.doppel.postgres;

import static dev.doppel.core.schema.DdlStatement.Phase.POST_DATA;
import static dev.doppel.core.schema.DdlStatement.Phase.PRE_DATA;

import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The schema objects around the tables: schemas, extensions, types and domains, functions,
 * procedures and aggregates, triggers, rules and row-level security policies.
 */
final class PostgresObjectsReader {
    private final Connection connection;
    private final DdlCollector ddl;

    PostgresObjectsReader(Connection connection, DdlCollector ddl) {
        this.connection = connection;
        this.ddl = ddl;
    }

    void schemasAndExtensions() throws SQLException {
        Jdbc.query(connection, "SELECT n.oid, n.nspname FROM pg_namespace n WHERE " + Catalog.USER_SCHEMA
                + " AND " + Catalog.notInExtension("pg_namespace", "n.oid") + " ORDER BY n.nspname", row -> {
                    String schema = Sql.ident(row.getString(2));
                    ddl.pre("schema " + row.getString(2), "CREATE SCHEMA IF NOT EXISTS " + schema, Set.of());
                    ddl.comment(PRE_DATA, "pg_namespace", row.getLong(1), 0, "SCHEMA " + schema, Set.of());
                });
        Jdbc.query(connection, "SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                + " WHERE e.extname <> 'plpgsql' ORDER BY e.oid", row -> ddl.preOptional("extension " + row.getString(1),
                        "CREATE EXTENSION IF NOT EXISTS " + Sql.ident(row.getString(1)) + " WITH SCHEMA " + Sql.ident(row.getString(2))));
    }

    void types() throws SQLException {
        String sql = "SELECT t.oid, n.nspname, t.typname, t.typtype,"
                + " CASE WHEN t.typtype = 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
                + "   FROM pg_enum e WHERE e.enumtypid = t.oid) END,"
                + " CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,"
                + " t.typnotnull, t.typdefault,"
                + " CASE WHEN t.typtype = 'd' THEN (SELECT string_agg(' CONSTRAINT ' || quote_ident(c.conname) || ' '"
                + "   || pg_get_constraintdef(c.oid), '' ORDER BY c.oid) FROM pg_constraint c WHERE c.contypid = t.oid) END,"
                + " CASE WHEN t.typtype = 'c' THEN (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid,"
                + "   a.atttypmod), ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0"
                + "   AND NOT a.attisdropped) END,"
                + " CASE WHEN t.typtype = 'r' THEN (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid) END"
                + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notInExtension("pg_type", "t.oid")
                + " AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND"
                + "   (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))"
                + " ORDER BY t.oid";
        Jdbc.query(connection, sql, row -> {
            String name = Sql.qualified(row.getString(2), row.getString(3));
            char type = row.getString(4).charAt(0);
            String create;
            String keyword = "TYPE";
            switch (type) {
                case 'e' -> create = "CREATE TYPE " + name + " AS ENUM (" + nullToEmpty(row.getString(5)) + ")";
                case 'd' -> {
                    keyword = "DOMAIN";
                    create = "CREATE DOMAIN " + name + " AS " + row.getString(6)
                            + (row.getString(8) == null ? "" : " DEFAULT " + row.getString(8))
                            + (row.getBoolean(7) ? " NOT NULL" : "") + nullToEmpty(row.getString(9));
                }
                case 'c' -> create = "CREATE TYPE " + name + " AS (" + nullToEmpty(row.getString(10)) + ")";
                default -> create = "CREATE TYPE " + name + " AS RANGE (SUBTYPE = " + row.getString(11) + ")";
            }
            ddl.pre(keyword.toLowerCase() + " " + row.getString(2) + "." + row.getString(3), create, Set.of());
            ddl.comment(PRE_DATA, "pg_type", row.getLong(1), 0, keyword + " " + name, Set.of());
        });
    }

    void functions() throws SQLException {
        String sql = "SELECT p.oid, n.nspname, p.proname, p.prokind, pg_get_function_identity_arguments(p.oid),"
                + " CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END,"
                + " a.aggtransfn::regproc::text, format_type(a.aggtranstype, NULL),"
                + " CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::regproc::text END,"
                + " CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::regproc::text END, a.agginitval,"
                + " CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoperator::text END, a.aggkind"
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notInExtension("pg_proc", "p.oid")
                + " ORDER BY p.oid";
        Jdbc.query(connection, sql, row -> {
            String signature = Sql.qualified(row.getString(2), row.getString(3)) + "(" + row.getString(5) + ")";
            char kind = row.getString(4).charAt(0);
            String create;
            if (kind == 'a') {
                if (!"n".equals(row.getString(13))) {
                    return;
                }
                StringBuilder aggregate = new StringBuilder("CREATE AGGREGATE ").append(signature)
                        .append(" (SFUNC = ").append(row.getString(7)).append(", STYPE = ").append(row.getString(8));
                appendOption(aggregate, "FINALFUNC", row.getString(9));
                appendOption(aggregate, "COMBINEFUNC", row.getString(10));
                if (row.getString(11) != null) {
                    aggregate.append(", INITCOND = ").append(Sql.literal(row.getString(11)));
                }
                if (row.getString(12) != null) {
                    aggregate.append(", SORTOP = OPERATOR(").append(row.getString(12).replaceAll("\\(.*$", "")).append(')');
                }
                create = aggregate.append(')').toString();
            } else {
                create = row.getString(6);
            }
            String keyword = kind == 'p' ? "PROCEDURE" : kind == 'a' ? "AGGREGATE" : "FUNCTION";
            ddl.pre(keyword.toLowerCase() + " " + row.getString(2) + "." + row.getString(3) + "(" + row.getString(5) + ")",
                    create, Set.of());
            ddl.comment(PRE_DATA, "pg_proc", row.getLong(1), 0, keyword + " " + signature, Set.of());
        });
    }

    void triggers(Map<Long, Relation> relations) throws SQLException {
        String sql = "SELECT t.oid, t.tgrelid, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled"
                + " FROM pg_trigger t WHERE NOT t.tgisinternal AND t.tgparentid = 0 ORDER BY t.oid";
        Jdbc.query(connection, sql, row -> {
            Relation table = relations.get(row.getLong(2));
            if (table == null) {
                return;
            }
            Set<TableName> needs = Set.of(table.name);
            String name = Sql.ident(row.getString(3));
            ddl.post("trigger " + row.getString(3) + " on " + table.name, row.getString(4), needs);
            if ("D".equals(row.getString(5))) {
                ddl.post("disabled trigger " + row.getString(3) + " on " + table.name,
                        "ALTER TABLE " + table.qualified() + " DISABLE TRIGGER " + name, needs);
            }
            ddl.comment(POST_DATA, "pg_trigger", row.getLong(1), 0, "TRIGGER " + name + " ON " + table.qualified(), needs);
        });
    }

    void rules(Map<Long, Relation> relations, Map<Long, Set<Long>> rewriteDependencies) throws SQLException {
        Jdbc.query(connection, "SELECT r.oid, r.ev_class, r.rulename, pg_get_ruledef(r.oid) FROM pg_rewrite r"
                + " WHERE r.rulename <> '_RETURN' ORDER BY r.oid", row -> {
                    Relation table = relations.get(row.getLong(2));
                    if (table == null) {
                        return;
                    }
                    Set<TableName> needs = new HashSet<>();
                    needs.add(table.name);
                    for (long oid : rewriteDependencies.getOrDefault(row.getLong(1), Set.of())) {
                        Relation referenced = relations.get(oid);
                        if (referenced != null && referenced.isTable()) {
                            needs.add(referenced.name);
                        }
                    }
                    String definition = row.getString(4).strip();
                    if (definition.endsWith(";")) {
                        definition = definition.substring(0, definition.length() - 1);
                    }
                    ddl.post("rule " + row.getString(3) + " on " + table.name, definition, needs);
                });
    }

    void policies(Map<Long, Relation> relations) throws SQLException {
        Jdbc.query(connection, "SELECT c.oid, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c"
                + " WHERE c.relrowsecurity OR c.relforcerowsecurity", row -> {
                    Relation table = relations.get(row.getLong(1));
                    if (table != null) {
                        Set<TableName> needs = Set.of(table.name);
                        if (row.getBoolean(2)) {
                            ddl.post("row level security on " + table.name,
                                    "ALTER TABLE " + table.qualified() + " ENABLE ROW LEVEL SECURITY", needs);
                        }
                        if (row.getBoolean(3)) {
                            ddl.post("forced row level security on " + table.name,
                                    "ALTER TABLE " + table.qualified() + " FORCE ROW LEVEL SECURITY", needs);
                        }
                    }
                });
        Jdbc.query(connection, "SELECT p.polrelid, p.polname, p.polpermissive, p.polcmd,"
                + " CASE WHEN p.polroles = '{0}' THEN 'PUBLIC' ELSE (SELECT string_agg(quote_ident(r.rolname), ', ')"
                + "   FROM pg_roles r WHERE r.oid = ANY (p.polroles)) END,"
                + " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)"
                + " FROM pg_policy p ORDER BY p.oid", row -> {
                    Relation table = relations.get(row.getLong(1));
                    if (table == null) {
                        return;
                    }
                    String command = switch (row.getString(4)) {
                        case "r" -> "SELECT";
                        case "a" -> "INSERT";
                        case "w" -> "UPDATE";
                        case "d" -> "DELETE";
                        default -> "ALL";
                    };
                    String sql = "CREATE POLICY " + Sql.ident(row.getString(2)) + " ON " + table.qualified()
                            + " AS " + (row.getBoolean(3) ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + command
                            + " TO " + row.getString(5)
                            + (row.getString(6) == null ? "" : " USING (" + row.getString(6) + ")")
                            + (row.getString(7) == null ? "" : " WITH CHECK (" + row.getString(7) + ")");
                    ddl.postOptional("policy " + row.getString(2) + " on " + table.name, sql, Set.of(table.name));
                });
    }

    private static void appendOption(StringBuilder sql, String option, String value) {
        if (value != null) {
            sql.append(", ").append(option).append(" = ").append(value);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
