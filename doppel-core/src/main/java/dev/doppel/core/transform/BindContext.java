package dev.doppel.core.transform;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;

/** Everything a transformer may look at when it is bound to a column. */
public record BindContext(Table table, Column column, TransformerDescriptor descriptor, Params params,
                          MaskingKey key, String locale) {

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
}
