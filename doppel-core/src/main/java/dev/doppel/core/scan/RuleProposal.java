package dev.doppel.core.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A rule as the scanner proposes it: a transformer and its parameters. A parameter value is a
 * string or, for {@code json}'s {@code paths}, a map of strings.
 */
public record RuleProposal(String transformer, Map<String, Object> params) {
    public RuleProposal {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static RuleProposal of(String transformer) {
        return new RuleProposal(transformer, Map.of());
    }

    public static RuleProposal of(String transformer, String param, String value) {
        return new RuleProposal(transformer, Map.of(param, value));
    }

    public static final RuleProposal KEEP = of("keep");

    public boolean keep() {
        return transformer.equals("keep");
    }

    /** The rule as config YAML on one line: {@code email} or {@code { transformer: hash, length: 20 }}. */
    public String yaml() {
        if (params.isEmpty()) {
            return transformer;
        }
        return "{ transformer: " + transformer + ", " + params.entrySet().stream()
                .map(e -> e.getKey() + ": " + value(e.getValue())).collect(Collectors.joining(", ")) + " }";
    }

    private static String value(Object value) {
        if (value instanceof Map<?, ?> map) {
            return "{ " + map.entrySet().stream().map(e -> quote(String.valueOf(e.getKey())) + ": " + value(e.getValue()))
                    .collect(Collectors.joining(", ")) + " }";
        }
        return quote(String.valueOf(value));
    }

    /** Plain when YAML reads it back as the same string, double-quoted otherwise. */
    static String quote(String text) {
        if (text.matches("-?[0-9]{1,9}")
                || text.matches("[A-Za-z_][A-Za-z0-9_]*") && !text.matches("(?i)true|false|yes|no|on|off|null|y|n|~")) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
