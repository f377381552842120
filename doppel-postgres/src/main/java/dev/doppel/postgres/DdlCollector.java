package dev.doppel.postgres;

import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.DdlStatement.Phase;
import dev.doppel.core.schema.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Gathers statements in the order they should run, and the comments that go with objects. */
final class DdlCollector {
    private final List<DdlStatement> statements = new ArrayList<>();
    private final Map<String, String> comments;

    DdlCollector(Map<String, String> comments) {
        this.comments = comments;
    }

    void pre(String object, String sql, Set<TableName> dependsOn) {
        statements.add(new DdlStatement(Phase.PRE_DATA, object, sql, dependsOn));
    }

    void preOptional(String object, String sql) {
        statements.add(new DdlStatement(Phase.PRE_DATA, object, sql, Set.of(), true));
    }

    void post(String object, String sql, Set<TableName> dependsOn) {
        statements.add(new DdlStatement(Phase.POST_DATA, object, sql, dependsOn));
    }

    /** @param requires the objects of statements added before that it needs, beyond its tables */
    void post(String object, String sql, Set<TableName> dependsOn, Set<String> requires) {
        statements.add(new DdlStatement(Phase.POST_DATA, object, sql, dependsOn, false, requires));
    }

    void postOptional(String object, String sql, Set<TableName> dependsOn) {
        statements.add(new DdlStatement(Phase.POST_DATA, object, sql, dependsOn, true));
    }

    /**
     * Adds {@code COMMENT ON <target>} when the catalog has a description for the object.
     *
     * @param catalog the catalog the object lives in, e.g. {@code pg_class}
     */
    void comment(Phase phase, String catalog, long oid, int subId, String target, Set<TableName> dependsOn) {
        String text = comments.get(key(catalog, oid, subId));
        if (text != null) {
            statements.add(new DdlStatement(phase, "comment on " + target, "COMMENT ON " + target + " IS " + Sql.literal(text),
                    dependsOn));
        }
    }

    static String key(String catalog, long oid, int subId) {
        return catalog + ":" + oid + ":" + subId;
    }

    /** Keys and indexes: built first after the load, several tables at a time. */
    static boolean isIndexBuild(DdlStatement statement) {
        return statement.phase() == Phase.POST_DATA
                && (statement.object().startsWith("index ") || statement.object().startsWith("constraint "));
    }

    List<DdlStatement> statements() {
        List<DdlStatement> ordered = new ArrayList<>();
        statements.stream().filter(s -> s.phase() == Phase.PRE_DATA).forEach(ordered::add);
        statements.stream().filter(s -> s.phase() == Phase.POST_DATA && isIndexBuild(s)).forEach(ordered::add);
        statements.stream().filter(s -> s.phase() == Phase.POST_DATA && !isIndexBuild(s)).forEach(ordered::add);
        return ordered;
    }
}
