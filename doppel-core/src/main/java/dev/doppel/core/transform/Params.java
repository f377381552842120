package dev.doppel.core.transform;

import dev.doppel.core.config.YamlNode;
import dev.doppel.core.error.Location;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A rule's parameters as written in the config, read through the transformer's descriptor so that
 * an absent parameter gets its documented default.
 */
public final class Params {
    private final TransformerDescriptor descriptor;
    private final Map<String, YamlNode> values;

    public Params(TransformerDescriptor descriptor, Map<String, YamlNode> values) {
        this.descriptor = descriptor;
        this.values = Map.copyOf(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value's text, or the descriptor's default (which may be null). */
    public String string(String name) {
        YamlNode node = values.get(name);
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar.text();
        }
        return descriptor.parameter(name).map(ParameterDescriptor::defaultValue).orElse(null);
    }

    public int integer(String name) {
        String text = string(name);
        return text == null ? 0 : Integer.parseInt(text.trim());
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(string(name));
    }

    public List<String> strings(String name) {
        YamlNode node = values.get(name);
        if (node instanceof YamlNode.Sequence seq) {
            return seq.items().stream()
                    .map(i -> i instanceof YamlNode.Scalar s ? s.text() : null)
                    .collect(Collectors.toList());
        }
        return List.of();
    }

    public YamlNode node(String name) {
        return values.get(name);
    }

    public Location location(String name) {
        YamlNode node = values.get(name);
        return node == null ? Location.NONE : node.location();
    }

    /** The parameters that change the output, in a stable order, as {@code name=value} text. */
    public String canonical() {
        Map<String, String> sorted = new TreeMap<>();
        values.forEach((name, node) -> {
            if (!name.equals(TransformerDescriptor.DOMAIN.name())) {
                sorted.put(name, node instanceof YamlNode.Scalar s ? s.text() : node.toString());
            }
        });
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
