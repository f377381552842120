package dev.doppel.core.config;

import dev.doppel.core.schema.TableName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code masking} section: the key, defaults and the per-table rules. */
public record MaskingPolicy(Secret key, String locale, Unclassified unclassified, Map<TableName, TablePolicy> tables) {
    public MaskingPolicy {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    public Optional<TablePolicy> table(TableName name) {
        return Optional.ofNullable(tables.get(name));
    }
}
