package dev.doppel.core.verify;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.Column;
import dev.doppel.core.transform.ValueTransform;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The source columns verification reads again: the masked columns it checks and every column their
 * rules read to compute an output ({@code template}, {@code pair_with}), transitively; not the
 * whole row, so that a wide table costs what its masked columns cost.
 */
final class SourceColumns {
    private final TableCopy copy;
    private final int[] positions;
    private final int fields;

    private SourceColumns(TableCopy copy, int[] positions, int fields) {
        this.copy = copy;
        this.positions = positions;
        this.fields = fields;
    }

    /**
     * @param references for each copied column, the columns its rule reads ({@link dev.doppel.core.plan.RuleBinder#references})
     * @param checked the copied columns verification checks
     */
    static SourceColumns of(TablePlan table, List<Set<Integer>> references, int[] checked) {
        TableCopy whole = table.copy();
        boolean[] read = new boolean[whole.columns().size()];
        Deque<Integer> pending = new ArrayDeque<>();
        Arrays.stream(checked).forEach(pending::add);
        while (!pending.isEmpty()) {
            int index = pending.pop();
            if (!read[index]) {
                read[index] = true;
                pending.addAll(references.get(index));
            }
        }
        int[] positions = new int[read.length];
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < read.length; i++) {
            positions[i] = read[i] ? columns.size() : -1;
            if (read[i]) {
                columns.add(whole.columns().get(i));
            }
        }
        if (columns.size() == read.length || columns.isEmpty()) {
            return new SourceColumns(whole, null, read.length);
        }
        return new SourceColumns(new TableCopy(whole.table(), columns, whole.where()), positions, columns.size());
    }

    /** What to read: the table's copy, its predicate kept, with only the needed columns. */
    TableCopy copy() {
        return copy;
    }

    /** The rows read, indexed as the copied columns are, for the rules that read them. */
    RowFields rowFields(ValueTransform[] transforms) {
        return new RowFields(fields, transforms, positions);
    }
}
