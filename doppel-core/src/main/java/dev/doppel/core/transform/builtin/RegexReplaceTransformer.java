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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Replaces every match of a regular expression. */
public final class RegexReplaceTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("regex_replace",
                    "Replaces every match of a regular expression (Java syntax) with a replacement that may refer "
                            + "to groups as $1 or ${name}. The rest of the value is kept; a result longer than the "
                            + "column is cut to fit.")
            .parameter(ParameterDescriptor.required("pattern", ParamType.STRING,
                    "The regular expression, e.g. '\\d{4}$' for the last four digits."))
            .parameter(ParameterDescriptor.optional("replacement", ParamType.STRING, "",
                    "What each match becomes; $1 or ${name} insert a group, \\$ a dollar sign."))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .example("order 12345 for ACME")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(context.params().string("pattern"));
        } catch (PatternSyntaxException e) {
            throw new BindException("pattern is not a valid regular expression: " + e.getDescription());
        }
        String replacement = context.params().string("replacement");
        String checked = replacement == null ? "" : replacement;
        int groups = pattern.matcher("").groupCount();
        Matcher reference = Pattern.compile("(?<!\\\\)\\$(\\d)").matcher(checked);
        while (reference.find()) {
            if (Integer.parseInt(reference.group(1)) > groups) {
                throw new BindException("replacement refers to group " + reference.group(1) + " but the pattern has "
                        + groups);
            }
        }
        Matcher matcher = pattern.matcher("");
        int max = context.maxLength();
        return (value, row) -> Texts.truncate(matcher.reset(value).replaceAll(checked), max);
    }
}
