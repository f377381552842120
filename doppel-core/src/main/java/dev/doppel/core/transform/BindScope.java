package dev.doppel.core.transform;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import java.util.List;
import java.util.Optional;

/**
 * What a rule can see of the rest of its table when it is bound: where the other columns sit in
 * the row, the rules they have, and the transformers on the class path. Transformers that
 * compose from other columns ({@code template}, {@code person_name_kana} with {@code pair_with})
 * or apply other transformers ({@code json}, {@code redact}) resolve all of it at bind time.
 */
public interface BindScope {
    /** The index of {@code column} in {@link RowValues}, or -1 when it is not read (unknown or generated). */
    int rowIndex(String column);

    /** The context {@code column}'s own masking rule is bound with; empty when it has none (or {@code keep}). */
    Optional<BindContext> ruleOf(String column);

    TransformerRegistry registry();

    /** A scope that knows the table's columns but no other rules: for one-off binds (examples, tests). */
    static BindScope of(Table table) {
        List<String> copied = table.columns().stream().filter(c -> !c.generated()).map(Column::name).toList();
        return new BindScope() {
            @Override
            public int rowIndex(String column) {
                return copied.indexOf(column);
            }

            @Override
            public Optional<BindContext> ruleOf(String column) {
                return Optional.empty();
            }

            @Override
            public TransformerRegistry registry() {
                return TransformerRegistry.builtin();
            }
        };
    }
}
