package dev.doppel.core.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a source holds: the tables whose rows can be copied, and the engine's statements that
 * recreate the whole schema on a target of the same engine.
 */
public record SourceSchema(String engine, String serverVersion, List<Table> tables, List<DdlStatement> ddl) {
    public SourceSchema {
        tables = List.copyOf(tables);
        ddl = List.copyOf(ddl);
    }

    public Optional<Table> table(TableName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Map<TableName, Table> tablesByName() {
        return tables.stream().collect(Collectors.toMap(Table::name, Function.identity()));
    }
}
