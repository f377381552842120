package dev.doppel.core.schema;

import java.util.Set;

/**
 * One statement that recreates part of the source's schema on the target.
 *
 * @param phase when it runs relative to the data load
 * @param object what it creates, for messages, e.g. {@code view public.customer_list}; other
 *     statements name it in {@code requires}
 * @param dependsOn the tables it needs; it is left out when one of them is excluded
 * @param optional when it fails the run goes on with a warning (an extension the target lacks)
 * @param requires the objects of other statements that must have run before it, where its tables
 *     do not say enough: the key a foreign key references, the index a constraint takes over.
 *     Empty when running after the statements before it is all it needs.
 */
public record DdlStatement(Phase phase, String object, String sql, Set<TableName> dependsOn, boolean optional,
                           Set<String> requires) {
    public DdlStatement {
        dependsOn = Set.copyOf(dependsOn);
        requires = Set.copyOf(requires);
    }

    public DdlStatement(Phase phase, String object, String sql, Set<TableName> dependsOn, boolean optional) {
        this(phase, object, sql, dependsOn, optional, Set.of());
    }

    public DdlStatement(Phase phase, String object, String sql, Set<TableName> dependsOn) {
        this(phase, object, sql, dependsOn, false);
    }

    /** Schema before data, constraints after: the order the target applies the phases in. */
    public enum Phase {
        /** Schemas, extensions, types, functions, sequences, tables without secondary indexes, views. */
        PRE_DATA,
        /** Primary keys, unique constraints, indexes, foreign keys, triggers, rules, sequence values. */
        POST_DATA
    }
}
