package dev.doppel.core.config;

import dev.doppel.core.error.Location;
import dev.doppel.core.schema.TableName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The config's entry for one table. */
public record TablePolicy(TableName table, TableMode mode, String where, Map<String, ColumnRule> columns,
                          Location location) {
    public TablePolicy {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
