package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.KeyedHash;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A keyed one-way digest of the value, as hex or base64 text of a chosen length. On a UNIQUE
 * column at least 80 bits are kept: among a billion distinct values the chance of any two sharing
 * a digest is below one in a million, and the target's unique index, built after the load, would
 * refuse such a pair and stop the run rather than keep it.
 */
public final class HashTransformer implements Transformer {
    private static final int MAX_HEX = 64;
    private static final int MAX_BASE64 = 43;
    private static final int UNIQUE_HEX = 20;
    private static final int UNIQUE_BASE64 = 14;

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("hash",
                    "Replaces the value with a keyed one-way digest (HMAC-SHA256), so equal inputs stay equal "
                            + "and joins on the column still work.")
            .parameter(ParameterDescriptor.optional("length", ParamType.INTEGER, "32",
                    "Characters of digest to keep (hex: up to 64, base64: up to 43). Shortened to the column's length; "
                            + "a UNIQUE column needs at least 20 hex or 14 base64 characters."))
            .parameter(ParameterDescriptor.choice("encoding", "hex", "How the digest is written.", "hex", "base64"))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .uniqueSafe()
            .example("tanaka.hanako@example.jp")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        boolean hex = "hex".equals(context.params().string("encoding"));
        int length = Math.min(context.params().integer("length"), context.maxLength());
        int max = hex ? MAX_HEX : MAX_BASE64;
        if (length < 1 || context.params().integer("length") > max) {
            throw new BindException("length must be between 1 and " + max + " for " + (hex ? "hex" : "base64"));
        }
        int minimum = hex ? UNIQUE_HEX : UNIQUE_BASE64;
        if (context.column().unique() && length < minimum) {
            throw new BindException("column is UNIQUE and holds only " + length + " characters of digest; at least "
                    + minimum + " (80 bits) are needed to keep values distinct");
        }
        KeyedHash hash = context.keyedHash();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        HexFormat hexFormat = HexFormat.of();
        int finalLength = length;
        return (value, row) -> {
            byte[] digest = hash.digest(value);
            String text = hex ? hexFormat.formatHex(digest) : base64.encodeToString(digest);
            return text.substring(0, finalLength);
        };
    }
}
