package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.FormatCipher;
import dev.doppel.core.transform.support.Shape;

/**
 * A user name of the same shape: every ASCII letter becomes a letter of the same case, every digit
 * a digit, everything else stays, under a keyed format-preserving cipher. One-to-one, so a
 * UNIQUE user name column stays unique, and never longer than the input.
 */
public final class UsernameTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("username",
                    "A user name of the same shape: each ASCII letter becomes a letter of the same case, each "
                            + "digit a digit, and dots, underscores, hyphens and other characters stay where they "
                            + "are (hanako.tanaka_82 → qwlbmr.zuxepd_17). A keyed format-preserving cipher does "
                            + "it, so distinct user names stay distinct and the length never changes.")
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .uniqueSafe()
            .example("hanako.tanaka_82")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        FormatCipher cipher = new FormatCipher(context.keyedHash().prf());
        Shape shape = new Shape(true);
        return (value, row) -> {
            int n = shape.load(value);
            shape.encrypt(cipher, 0, n, cipher.tweak(n, 0));
            return shape.text();
        };
    }
}
