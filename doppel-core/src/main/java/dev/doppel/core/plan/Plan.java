package dev.doppel.core.plan;

import dev.doppel.core.config.TableMode;
import dev.doppel.core.schema.DdlStatement;
import java.util.List;

/**
 * The outcome of planning: every table with its action and every column with its rule, the
 * statements that recreate the schema (without the objects excluded tables take along), warnings
 * to show before anything runs, and notes on what planning decided by itself (rules propagated
 * along foreign keys, constraints pre-flight could not decide).
 */
public record Plan(List<TablePlan> tables, List<DdlStatement> ddl, List<String> skippedObjects, List<String> warnings,
                   List<String> notes) {
    public Plan {
        tables = List.copyOf(tables);
        ddl = List.copyOf(ddl);
        skippedObjects = List.copyOf(skippedObjects);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    public Plan(List<TablePlan> tables, List<DdlStatement> ddl, List<String> skippedObjects, List<String> warnings) {
        this(tables, ddl, skippedObjects, warnings, List.of());
    }

    public List<TablePlan> copied() {
        return tables.stream().filter(t -> t.mode() == TableMode.COPY).toList();
    }

    public List<DdlStatement> ddl(DdlStatement.Phase phase) {
        return ddl.stream().filter(s -> s.phase() == phase).toList();
    }

    public long maskedColumns() {
        return tables.stream().mapToLong(TablePlan::maskedColumns).sum();
    }
}
