package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.Texts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Composes the value from other columns of the same row as they are written, after masking:
 * {@code "{last_name} {first_name}"} gives the masked names, so a display name agrees with them.
 * Column references are resolved to row indexes at bind time; each row only concatenates.
 */
public final class TemplateTransformer implements Transformer {
    static final String NAME = "template";

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder(NAME,
                    "Composes the value from other columns of the same row after they are masked, e.g. "
                            + "\"{last_name} {first_name}\" or \"{first_name}.{last_name}@example.com\", so derived "
                            + "columns agree with the masked ones. A NULL column reads as empty; the result is cut "
                            + "to fit the column.")
            .parameter(ParameterDescriptor.required("template", ParamType.STRING,
                    "Text with {column} placeholders naming columns of the same table; {{ and }} write braces."))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .example("Yamada Hanako")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        List<Object> parts = parse(context.params().string("template"));
        checkCycles(context, parts, new HashSet<>(Set.of(context.column().name())));
        int count = parts.size();
        String[] literals = new String[count];
        int[] indexes = new int[count];
        for (int i = 0; i < count; i++) {
            if (parts.get(i) instanceof String literal) {
                literals[i] = literal;
                indexes[i] = -1;
            } else {
                String column = ((Reference) parts.get(i)).column();
                indexes[i] = context.scope().rowIndex(column);
                if (indexes[i] < 0) {
                    throw new BindException("template refers to {" + column + "}, which is not a copied column of "
                            + context.table().name());
                }
            }
        }
        int max = context.maxLength();
        return (value, row) -> {
            StringBuilder out = new StringBuilder(64);
            for (int i = 0; i < count; i++) {
                if (indexes[i] < 0) {
                    out.append(literals[i]);
                } else {
                    String masked = row.masked(indexes[i]);
                    if (masked != null) {
                        out.append(masked);
                    }
                }
            }
            return Texts.truncate(out.toString(), max);
        };
    }

    private static void checkCycles(BindContext context, List<Object> parts, Set<String> path) {
        for (Object part : parts) {
            if (part instanceof Reference reference) {
                if (path.contains(reference.column())) {
                    throw new BindException("template refers to {" + reference.column() + "}, which is computed from "
                            + "this column; templates must not refer to each other in a circle");
                }
                var rule = context.ruleOf(reference.column());
                if (rule.isPresent() && rule.get().descriptor().name().equals(NAME)) {
                    Set<String> deeper = new HashSet<>(path);
                    deeper.add(reference.column());
                    checkCycles(rule.get(), parse(rule.get().params().string("template")), deeper);
                }
            }
        }
    }

    /** Literal strings and {@link Reference}s, in order. */
    static List<Object> parse(String template) {
        if (template == null) {
            throw new BindException("template must not be empty");
        }
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                literal.append(c);
                i++;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new BindException("template has a '{' without its '}'; write {{ for a brace");
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                String column = template.substring(i + 1, end).trim();
                if (column.isEmpty()) {
                    throw new BindException("template has an empty {}; name a column inside the braces");
                }
                parts.add(new Reference(column));
                i = end;
            } else if (c == '}') {
                throw new BindException("template has a '}' without its '{'; write }} for a brace");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return parts;
    }

    record Reference(String column) {}
}
