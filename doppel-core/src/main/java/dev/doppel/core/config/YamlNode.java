package dev.doppel.core.config;

import dev.doppel.core.error.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written, so that every config problem can name the
 * file, line and column. Maps keep their key order and the location of each key.
 */
public sealed interface YamlNode {
    Location location();

    /** A short name of the node's kind for messages: "a map", "a list", "a value", "nothing". */
    String kind();

    record Scalar(String text, Location location) implements YamlNode {
        @Override
        public String kind() {
            return "a value";
        }
    }

    /** An empty value, or YAML's {@code null} / {@code ~}; {@code text} is how it was written. */
    record Null(String text, Location location) implements YamlNode {
        @Override
        public String kind() {
            return "nothing";
        }
    }

    record Sequence(List<YamlNode> items, Location location) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    record Mapping(Map<String, YamlNode> entries, Map<String, Location> keyLocations, Location location)
            implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
        }

        public YamlNode get(String key) {
            return entries.get(key);
        }

        public Location keyLocation(String key) {
            return keyLocations.getOrDefault(key, location);
        }

        @Override
        public String kind() {
            return "a map";
        }
    }
}
