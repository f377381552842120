package dev.doppel.core.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Canonical text of YAML values and rules, independent of how and where they were written. */
public final class YamlText {
    private YamlText() {}

    /** Scalars as their text, maps with sorted keys, lists in order: {@code {a: 1, b: [x, y]}}. */
    public static String canonical(YamlNode node) {
        if (node == null || node instanceof YamlNode.Null) {
            return "null";
        }
        if (node instanceof YamlNode.Scalar scalar) {
            return quote(scalar.text());
        }
        if (node instanceof YamlNode.Sequence sequence) {
            return sequence.items().stream().map(YamlText::canonical).collect(Collectors.joining(", ", "[", "]"));
        }
        YamlNode.Mapping mapping = (YamlNode.Mapping) node;
        return canonical(mapping.entries());
    }

    /** A rule as one canonical line: its transformer and its parameters sorted by name. */
    public static String canonical(ColumnRule rule) {
        return rule.params().isEmpty() ? rule.transformer() : rule.transformer() + " " + canonical(rule.params());
    }

    private static String canonical(Map<String, YamlNode> entries) {
        return new TreeMap<>(entries).entrySet().stream().map(e -> quote(e.getKey()) + ": " + canonical(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String quote(String text) {
        return text.matches("[A-Za-z0-9_.$@-]+") ? text : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
