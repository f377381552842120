package dev.doppel.core.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.core.transform.BindException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSONPath subset the {@code json} transformer understands: {@code $}, {@code .name},
 * {@code ['name']}, {@code [n]}, {@code [*]}, {@code .*} and {@code ..name} (any depth).
 * Parsed once at bind time; {@link #visit} hands every matching place to a callback that may
 * replace or remove it.
 */
final class JsonPath {
    private final String text;
    private final List<Step> steps;

    private JsonPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** A place a path matched: the container and the field name or array index in it. */
    interface Visitor {
        /** @return true to remove the place from its container */
        boolean visit(JsonNode container, String field, int index, JsonNode value);
    }

    static JsonPath parse(String text) {
        String path = text.trim();
        if (!path.startsWith("$")) {
            throw new BindException("JSONPath " + text + " must start with $");
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                boolean deep = i + 1 < path.length() && path.charAt(i + 1) == '.';
                int start = i + (deep ? 2 : 1);
                int end = start;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(start, end);
                if (name.isEmpty()) {
                    throw new BindException("JSONPath " + text + " has an empty name after '.'");
                }
                steps.add(new Step(name.equals("*") ? null : name, -1, deep));
                i = end;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    throw new BindException("JSONPath " + text + " has a '[' without ']'");
                }
                String inside = path.substring(i + 1, end).trim();
                if (inside.equals("*")) {
                    steps.add(new Step(null, -1, false));
                } else if (inside.startsWith("'") || inside.startsWith("\"")) {
                    steps.add(new Step(inside.substring(1, inside.length() - 1), -1, false));
                } else {
                    try {
                        steps.add(new Step(null, Integer.parseInt(inside), false));
                    } catch (NumberFormatException e) {
                        throw new BindException("JSONPath " + text + " has [" + inside + "]; use [n], [*] or ['name']");
                    }
                }
                i = end + 1;
            } else {
                throw new BindException("JSONPath " + text + " has '" + c + "' where '.' or '[' was expected");
            }
        }
        if (steps.isEmpty()) {
            throw new BindException("JSONPath " + text + " selects the whole document; name a field");
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    @Override
    public String toString() {
        return text;
    }

    void visit(JsonNode root, Visitor visitor) {
        walk(root, 0, visitor);
    }

    private void walk(JsonNode node, int at, Visitor visitor) {
        Step step = steps.get(at);
        boolean last = at == steps.size() - 1;
        if (step.deep) {
            // ..name: the name here, and the same step again below every child
            for (JsonNode child : children(node)) {
                walk(child, at, visitor);
            }
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
            List<String> removed = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (step.index >= 0 || (step.name != null && !step.name.equals(field.getKey()))) {
                    continue;
                }
                if (last) {
                    if (visitor.visit(object, field.getKey(), -1, field.getValue())) {
                        removed.add(field.getKey());
                    }
                } else {
                    walk(field.getValue(), at + 1, visitor);
                }
            }
            removed.forEach(object::remove);
        } else if (node instanceof ArrayNode array && step.name == null) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (step.index >= 0 && step.index != i) {
                    continue;
                }
                if (last) {
                    if (visitor.visit(array, null, i, array.get(i))) {
                        array.remove(i);
                    }
                } else {
                    walk(array.get(i), at + 1, visitor);
                }
            }
        }
    }

    private static List<JsonNode> children(JsonNode node) {
        List<JsonNode> children = new ArrayList<>();
        node.elements().forEachRemaining(children::add);
        return children;
    }

    private record Step(String name, int index, boolean deep) {}
}
