package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.KeyedHash;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;

/**
 * A deterministic e-mail address whose local part is 80 bits of a keyed digest of the whole
 * input, written in base32 — distinct inputs collide with a probability below 10^-10 even at ten
 * million rows, and the target's unique index would refuse the rare collision rather than keep it.
 */
public final class EmailTransformer implements Transformer {
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int LOCAL_LENGTH = 16;
    private static final int MIN_LOCAL_LENGTH = 10;
    private static final String FALLBACK_HOST = "example.com";

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("email",
                    "A deterministic, unique-safe e-mail address. The same input gives the same address in every "
                            + "table and run, so joins on e-mail still work.")
            .parameter(ParameterDescriptor.optional("domain", ParamType.STRING, "example.com",
                    "The mail domain of the output: a fixed domain such as example.com, or 'keep' to keep the "
                            + "input's domain. (For e-mail this names the mail domain, not the determinism domain.)"))
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
        String domainParam = context.params().string("domain");
        boolean keepDomain = "keep".equals(domainParam);
        // with 'keep', a host too long for the column falls back to example.com, which must fit
        int fixedSuffix = (keepDomain ? FALLBACK_HOST : domainParam).length() + 1;
        int localLength = Math.min(LOCAL_LENGTH, context.maxLength() - fixedSuffix);
        if (localLength < MIN_LOCAL_LENGTH) {
            throw new BindException("column holds " + context.maxLength() + " characters, too few for a masked e-mail "
                    + "(" + (MIN_LOCAL_LENGTH + fixedSuffix) + " at least); use 'hash' with a shorter length");
        }
        KeyedHash hash = context.keyedHash();
        int maxLength = context.maxLength();
        return (value, row) -> {
            byte[] digest = hash.digest(value);
            String host = keepDomain ? hostOf(value) : domainParam;
            int room = Math.min(localLength, maxLength - host.length() - 1);
            if (room < MIN_LOCAL_LENGTH) {
                host = FALLBACK_HOST;
                room = Math.min(localLength, maxLength - host.length() - 1);
            }
            StringBuilder out = new StringBuilder(room + 1 + host.length());
            appendBase32(digest, room, out);
            return out.append('@').append(host).toString();
        };
    }

    private static String hostOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 || at == email.length() - 1 ? FALLBACK_HOST : email.substring(at + 1);
    }

    private static void appendBase32(byte[] digest, int characters, StringBuilder out) {
        long bits = 0;
        int available = 0;
        int index = 0;
        for (int i = 0; i < characters; i++) {
            if (available < 5) {
                bits = (bits << 8) | (digest[index++] & 0xff);
                available += 8;
            }
            available -= 5;
            out.append(BASE32[(int) (bits >>> available) & 31]);
        }
    }
}
