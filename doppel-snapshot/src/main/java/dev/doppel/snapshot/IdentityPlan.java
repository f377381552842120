package dev.doppel.snapshot;

import dev.doppel.core.config.TableMode;
import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan of a restore: every table of the snapshot copied as it is (its data is already
 * masked), the schema-only tables created empty by the schema statements.
 */
final class IdentityPlan {
    private IdentityPlan() {}

    static Plan of(SourceSchema schema, Manifest manifest) {
        List<TablePlan> tables = new ArrayList<>();
        for (Table table : schema.tables()) {
            List<ColumnPlan> columns = new ArrayList<>();
            for (Column column : table.columns()) {
                columns.add(new ColumnPlan(column, null, column.generated() ? ColumnPlan.Source.GENERATED
                        : ColumnPlan.Source.UNCLASSIFIED));
            }
            tables.add(new TablePlan(table, TableMode.COPY, null, columns));
        }
        Set<String> copied = schema.tables().stream().map(t -> t.name().toString()).collect(Collectors.toSet());
        if (manifest.policy() != null && manifest.policy().tables() != null) {
            manifest.policy().tables().stream()
                    .filter(t -> TableMode.SCHEMA_ONLY.configName().equals(t.mode()) && !copied.contains(t.table()))
                    .forEach(t -> {
                        TableName name = TableName.parse(t.table());
                        if (name != null) {
                            tables.add(new TablePlan(new Table(name, List.of(), 0, 0), TableMode.SCHEMA_ONLY, null, List.of()));
                        }
                    });
        }
        return new Plan(tables, schema.ddl(), List.of(), List.of());
    }
}
