package dev.doppel.core.transform;

import dev.doppel.core.config.YamlNode;
import dev.doppel.core.error.Problem;
import dev.doppel.core.error.Problems;
import dev.doppel.core.error.Location;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything a transformer may look at when it is bound to a column.
 *
 * @param locale the policy's default locale ({@code masking.locale})
 * @param scope the rest of the table: other columns' row indexes and rules
 */
public record BindContext(Table table, Column column, TransformerDescriptor descriptor, Params params,
                          MaskingKey key, String locale, BindScope scope) {

    /** A context that sees no other rule of the table. */
    public BindContext(Table table, Column column, TransformerDescriptor descriptor, Params params, MaskingKey key,
                       String locale) {
        this(table, column, descriptor, params, key, locale, BindScope.of(table));
    }

    /**
     * The determinism domain: the {@code domain} parameter when given, otherwise the transformer's
     * name plus the parameters that change its output.
     */
    public String domain() {
        if (params.has(TransformerDescriptor.DOMAIN.name())
                && descriptor.parameter(TransformerDescriptor.DOMAIN.name()).orElse(null) == TransformerDescriptor.DOMAIN) {
            return "domain:" + params.string(TransformerDescriptor.DOMAIN.name());
        }
        String canonical = params.canonical();
        return descriptor.name() + (canonical.isEmpty() ? "" : "(" + canonical + ")");
    }

    /** A keyed hash for this rule's domain. */
    public KeyedHash keyedHash() {
        return key.forDomain(domain());
    }

    /** The column's declared length in characters, or {@code Integer.MAX_VALUE} when unbounded. */
    public int maxLength() {
        return column.maxLength() < 0 ? Integer.MAX_VALUE : column.maxLength();
    }

    /** The {@code locale} parameter when the transformer has one and it is given, else the policy's locale. */
    public String effectiveLocale() {
        String given = params.has("locale") ? params.string("locale") : null;
        return given != null ? given : locale == null ? "en" : locale;
    }

    /**
     * Binds another transformer for a value this rule handles itself (a JSON field, a match in free
     * text), with the same key, locale and scope, after checking its parameters.
     *
     * @param column the column the other transformer writes as if it stood alone
     * @throws BindException naming every problem with the transformer or its parameters
     */
    public ValueTransform bindOther(String transformer, Map<String, YamlNode> otherParams, Column column) {
        Transformer other = scope.registry().find(transformer).orElseThrow(() -> new BindException(
                "there is no transformer '" + transformer + "'; 'doppel transformers list' shows them all"));
        TransformerDescriptor otherDescriptor = other.descriptor();
        Problems problems = new Problems();
        TransformerRegistry.validateParams(otherDescriptor, otherParams, Location.NONE, problems);
        if (!problems.isEmpty()) {
            throw new BindException(problems.list().stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        if (!otherDescriptor.accepts(column.kind())) {
            throw new BindException("transformer '" + transformer + "' cannot write " + column.kind().name().toLowerCase()
                    + " values");
        }
        return other.bind(new BindContext(table, column, otherDescriptor, new Params(otherDescriptor, otherParams), key,
                locale, scope));
    }

    /** {@link #bindOther} with the transformer's default parameters. */
    public ValueTransform bindOther(String transformer, Column column) {
        return bindOther(transformer, Map.of(), column);
    }

    /** The context of another column's masking rule, if it has one. */
    public Optional<BindContext> ruleOf(String otherColumn) {
        return scope.ruleOf(otherColumn);
    }
}
