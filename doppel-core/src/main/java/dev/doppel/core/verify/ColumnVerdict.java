package dev.doppel.core.verify;

import dev.doppel.core.schema.TableName;
import java.util.Map;

/**
 * What verification found in one column of the target. Counts only, never a value.
 *
 * @param check MASKED: target values compared with the source's; KEPT: kept text scanned for personal data
 * @param values non-NULL, non-empty target values looked at
 * @param survived target values equal to a source value of the column that no masked output explains
 * @param sameByDesign source values the rule maps to themselves (not counted as survivors)
 * @param patterns for KEPT columns, how many values looked like each kind of personal data
 * @param leak true when the column fails verification
 * @param allowed true when the config allows this column's findings (they are reported, not failed)
 */
public record ColumnVerdict(TableName table, String column, String rule, Check check, long values, long survived,
                            long sameByDesign, Map<String, Long> patterns, boolean leak, boolean allowed, String detail) {
    public ColumnVerdict {
        patterns = Map.copyOf(patterns);
    }

    public enum Check { MASKED, KEPT }

    public String qualified() {
        return table + "." + column;
    }
}
