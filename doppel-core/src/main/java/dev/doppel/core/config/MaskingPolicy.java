package dev.doppel.core.config;

import dev.doppel.core.schema.TableName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code masking} section: the key, defaults and the per-table rules.
 *
 * @param verifyAllow {@code schema.table.column} of columns whose verification findings are
 *     reported but do not fail a run ({@code masking.verify.allow})
 */
public record MaskingPolicy(Secret key, String locale, Unclassified unclassified, Map<TableName, TablePolicy> tables,
                            List<String> verifyAllow) {
    public MaskingPolicy {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        verifyAllow = List.copyOf(verifyAllow);
    }

    public MaskingPolicy(Secret key, String locale, Unclassified unclassified, Map<TableName, TablePolicy> tables) {
        this(key, locale, unclassified, tables, List.of());
    }

    public Optional<TablePolicy> table(TableName name) {
        return Optional.ofNullable(tables.get(name));
    }
}
