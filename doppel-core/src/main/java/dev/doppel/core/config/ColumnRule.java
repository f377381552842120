package dev.doppel.core.config;

import dev.doppel.core.error.Location;
import java.util.Map;

/** {@code column: transformer} or {@code column: {transformer: NAME, param: value}}. */
public record ColumnRule(String column, String transformer, Map<String, YamlNode> params, Location location) {
    public ColumnRule {
        params = Map.copyOf(params);
    }
}
