package dev.doppel.core.verify;

import dev.doppel.core.config.ColumnRule;
import dev.doppel.core.config.TableMode;
import dev.doppel.core.error.Location;
import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.util.List;
import java.util.Map;

/** Plans of small tables for verification's unit tests. */
final class TestPlans {
    private TestPlans() {}

    /** {@code id} kept, {@code email} masked with {@code email}. */
    static TablePlan users(TableName name, long rows) {
        Column id = new Column("id", "bigint", ColumnKind.INTEGER, false, -1, true, false);
        Column email = new Column("email", "text", ColumnKind.TEXT, true, -1, false, false);
        Table table = new Table(name, List.of(id, email), rows, rows * 40);
        return new TablePlan(table, TableMode.COPY, null, List.of(
                new ColumnPlan(id, new ColumnRule("id", "keep", Map.of(), Location.NONE), ColumnPlan.Source.CONFIG),
                new ColumnPlan(email, new ColumnRule("email", "email", Map.of(), Location.NONE), ColumnPlan.Source.CONFIG)));
    }

    /** {@code id} kept, {@code email} masked with {@code email}, {@code note} a kept text column. */
    static TablePlan usersWithNotes(TableName name, long rows) {
        TablePlan users = users(name, rows);
        Column note = new Column("note", "text", ColumnKind.TEXT, true, -1, false, false);
        Table table = new Table(name, List.of(users.table().columns().get(0), users.table().columns().get(1), note), rows,
                rows * 80);
        return new TablePlan(table, TableMode.COPY, null, List.of(users.copiedColumns().get(0), users.copiedColumns().get(1),
                new ColumnPlan(note, new ColumnRule("note", "keep", Map.of(), Location.NONE), ColumnPlan.Source.CONFIG)));
    }
}
