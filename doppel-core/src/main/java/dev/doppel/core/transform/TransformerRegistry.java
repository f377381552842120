package dev.doppel.core.transform;

import dev.doppel.core.config.YamlNode;
import dev.doppel.core.error.Location;
import dev.doppel.core.error.Problems;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The transformers on the class path, by name. Two transformers with one name is an error. */
public final class TransformerRegistry {
    private final Map<String, Transformer> byName = new TreeMap<>();

    private static volatile TransformerRegistry builtin;

    /** The transformers of doppel's own class loader, loaded once: for one-off binds outside a run. */
    public static TransformerRegistry builtin() {
        TransformerRegistry registry = builtin;
        if (registry == null) {
            registry = load();
            builtin = registry;
        }
        return registry;
    }

    public static TransformerRegistry load() {
        return load(TransformerRegistry.class.getClassLoader());
    }

    public static TransformerRegistry load(ClassLoader loader) {
        TransformerRegistry registry = new TransformerRegistry();
        ServiceLoader.load(Transformer.class, loader).forEach(registry::register);
        return registry;
    }

    public void register(Transformer transformer) {
        String name = transformer.descriptor().name();
        Transformer previous = byName.putIfAbsent(name, transformer);
        if (previous != null) {
            throw new IllegalStateException("Two transformers are named '" + name + "': "
                    + previous.getClass().getName() + " and " + transformer.getClass().getName()
                    + "; remove one jar from the class path or rename one");
        }
    }

    public Optional<Transformer> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Transformer> all() {
        return byName.values();
    }

    /** Checks a rule's parameters against the descriptor: names, required ones, types, allowed values. */
    public static void validateParams(TransformerDescriptor descriptor, Map<String, YamlNode> params,
                                      Location ruleLocation, Problems problems) {
        params.forEach((name, node) -> {
            Optional<ParameterDescriptor> parameter = descriptor.parameter(name);
            if (parameter.isEmpty()) {
                problems.add(node.location(), "transformer '" + descriptor.name() + "' has no parameter '" + name
                        + "'" + expected(descriptor));
                return;
            }
            checkValue(descriptor, parameter.get(), node, problems);
        });
        for (ParameterDescriptor parameter : descriptor.parameters()) {
            if (parameter.required() && !params.containsKey(parameter.name())) {
                problems.add(ruleLocation, "transformer '" + descriptor.name() + "' needs parameter '"
                        + parameter.name() + "': " + parameter.description());
            }
        }
    }

    private static void checkValue(TransformerDescriptor descriptor, ParameterDescriptor parameter, YamlNode node,
                                   Problems problems) {
        String where = "parameter '" + parameter.name() + "' of '" + descriptor.name() + "'";
        switch (parameter.type()) {
            case LIST -> {
                if (!(node instanceof YamlNode.Sequence)) {
                    problems.add(node.location(), where + " must be a list, not " + node.kind());
                }
            }
            case MAP -> {
                if (!(node instanceof YamlNode.Mapping)) {
                    problems.add(node.location(), where + " must be a map, not " + node.kind());
                }
            }
            default -> {
                if (!(node instanceof YamlNode.Scalar scalar)) {
                    problems.add(node.location(), where + " must be a single value, not " + node.kind());
                    return;
                }
                String text = scalar.text().trim();
                if (parameter.type() == ParamType.INTEGER && !text.matches("-?\\d{1,9}")) {
                    problems.add(node.location(), where + " must be a whole number");
                } else if (parameter.type() == ParamType.BOOLEAN && !text.matches("true|false")) {
                    problems.add(node.location(), where + " must be true or false");
                } else if (!parameter.allowed().isEmpty() && !parameter.allowed().contains(text)) {
                    problems.add(node.location(), where + " must be one of " + String.join(", ", parameter.allowed()));
                }
            }
        }
    }

    private static String expected(TransformerDescriptor descriptor) {
        if (descriptor.parameters().isEmpty()) {
            return "; it takes no parameters";
        }
        return "; it takes: " + String.join(", ", descriptor.parameters().stream().map(ParameterDescriptor::name).toList());
    }
}
