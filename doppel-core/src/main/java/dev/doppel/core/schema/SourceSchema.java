package dev.doppel.core.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a source holds: the tables whose rows can be copied, the engine's statements that
 * recreate the whole schema on a target of the same engine, and the constraints pre-flight checks
 * masked values against.
 *
 * @param foreignKeys foreign keys between tables, for propagating key rules; empty when the
 *     engine does not report them
 * @param valueConstraints single-column CHECK constraints and enumerations; empty when the engine
 *     does not report them
 */
public record SourceSchema(String engine, String serverVersion, List<Table> tables, List<DdlStatement> ddl,
                           List<ForeignKey> foreignKeys, List<ValueConstraint> valueConstraints) {
    public SourceSchema {
        tables = List.copyOf(tables);
        ddl = List.copyOf(ddl);
        foreignKeys = List.copyOf(foreignKeys);
        valueConstraints = List.copyOf(valueConstraints);
    }

    /** A schema without constraint metadata. */
    public SourceSchema(String engine, String serverVersion, List<Table> tables, List<DdlStatement> ddl) {
        this(engine, serverVersion, tables, ddl, List.of(), List.of());
    }

    /** This schema with the constraint metadata an engine reads separately. */
    public SourceSchema withConstraints(List<ForeignKey> keys, List<ValueConstraint> constraints) {
        return new SourceSchema(engine, serverVersion, tables, ddl, keys, constraints);
    }

    public Optional<Table> table(TableName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Map<TableName, Table> tablesByName() {
        return tables.stream().collect(Collectors.toMap(Table::name, Function.identity()));
    }

    /** The constraints on one column's values. */
    public List<ValueConstraint> constraintsOf(TableName table, String column) {
        return valueConstraints.stream().filter(c -> c.table().equals(table) && c.column().equals(column)).toList();
    }
}
