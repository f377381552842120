package dev.doppel.core.transform.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.core.config.YamlNode;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.RowValues;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks values inside a JSON document: each JSONPath is bound to another transformer (or to
 * {@code delete}) at bind time, so the same e-mail masks alike in a JSON field and in an
 * {@code email} column. The rest of the document is kept, numbers digit for digit.
 */
public final class JsonTransformer implements Transformer {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("json",
                    "Masks values inside a JSON document. Each JSONPath ($.a.b, $.items[*].email, $..phone) "
                            + "maps to a transformer, written as its name or as {transformer: NAME, params…}, or to "
                            + "delete to remove the field. A path that selects an object or array masks every value "
                            + "inside it. Strings, numbers and booleans are masked as text; numbers stay numbers "
                            + "when the result is one. The rest of the document is kept.")
            .parameter(ParameterDescriptor.required("paths", ParamType.MAP,
                    "A map from JSONPath to a transformer name, {transformer: NAME, params…}, or delete, e.g. "
                            + "{\"$.email\": email, \"$.address\": {transformer: address, locale: ja}, "
                            + "\"$.token\": delete}."))
            .columnKinds(ColumnKind.JSON, ColumnKind.TEXT)
            .deterministic()
            .example("{\"email\": \"tanaka.hanako@example.jp\", \"plan\": \"gold\"}")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        if (!(context.params().node("paths") instanceof YamlNode.Mapping paths) || paths.entries().isEmpty()) {
            throw new BindException("paths must map at least one JSONPath to a transformer or delete");
        }
        List<JsonPath> selectors = new ArrayList<>();
        List<ValueTransform> actions = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entry : paths.entries().entrySet()) {
            JsonPath path = JsonPath.parse(entry.getKey());
            selectors.add(path);
            actions.add(action(context, path, entry.getValue()));
        }
        JsonPath[] paths1 = selectors.toArray(new JsonPath[0]);
        ValueTransform[] transforms = actions.toArray(new ValueTransform[0]);
        return (value, row) -> {
            JsonNode root;
            try {
                root = MAPPER.readTree(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON");
            }
            boolean[] touched = {false};
            for (int i = 0; i < paths1.length; i++) {
                ValueTransform transform = transforms[i];
                paths1[i].visit(root, (container, field, index, node) -> {
                    touched[0] = true;
                    if (transform == null) {
                        return true;
                    }
                    JsonNode masked = mask(node, transform, row);
                    if (container instanceof ObjectNode object) {
                        object.set(field, masked);
                    } else {
                        ((ArrayNode) container).set(index, masked);
                    }
                    return false;
                });
            }
            if (!touched[0]) {
                return value;
            }
            try {
                return MAPPER.writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The bound transformer for one path, or null for delete. */
    private static ValueTransform action(BindContext context, JsonPath path, YamlNode target) {
        String name;
        Map<String, YamlNode> params = new LinkedHashMap<>();
        if (target instanceof YamlNode.Scalar scalar) {
            name = scalar.text().trim();
        } else if (target instanceof YamlNode.Mapping mapping && mapping.get("transformer") instanceof YamlNode.Scalar t) {
            name = t.text().trim();
            params.putAll(mapping.entries());
            params.remove("transformer");
        } else {
            throw new BindException("path " + path + " must map to a transformer name, {transformer: NAME, …} or delete");
        }
        if (name.equals("delete")) {
            return null;
        }
        if (name.equals("json")) {
            throw new BindException("path " + path + " cannot use json inside json; write the inner paths out");
        }
        // a JSON value is text or a number: give number transformers a numeric column to write
        ColumnKind kind = context.scope().registry().find(name).map(t -> t.descriptor())
                .filter(d -> !d.accepts(ColumnKind.TEXT) && d.accepts(ColumnKind.DECIMAL))
                .map(d -> ColumnKind.DECIMAL).orElse(ColumnKind.TEXT);
        Column inner = new Column(context.column().name() + path, kind == ColumnKind.TEXT ? "text" : "numeric", kind,
                true, -1, false, false);
        try {
            return context.bindOther(name, params, inner);
        } catch (BindException e) {
            throw new BindException("path " + path + ": " + e.getMessage());
        }
    }

    private static JsonNode mask(JsonNode node, ValueTransform transform, RowValues row) {
        if (node.isContainerNode()) {
            if (node instanceof ObjectNode object) {
                object.properties().forEach(f -> f.setValue(mask(f.getValue(), transform, row)));
            } else {
                ArrayNode array = (ArrayNode) node;
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, mask(array.get(i), transform, row));
                }
            }
            return node;
        }
        String text = node.isNull() ? null : node.asText();
        String masked = ValueTransform.mask(transform, text, row);
        if (masked == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isNumber()) {
            try {
                return JsonNodeFactory.withExactBigDecimals(true).numberNode(new BigDecimal(masked));
            } catch (NumberFormatException e) {
                return JsonNodeFactory.instance.textNode(masked);
            }
        }
        if (node.isBoolean() && (masked.equals("true") || masked.equals("false"))) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(masked));
        }
        return JsonNodeFactory.instance.textNode(masked);
    }
}
