package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.BitCipher;

/**
 * A UUID whose version and variant bits are the input's and whose other 122 bits are permuted by
 * a keyed cipher: one-to-one, so keys and references stay distinct and still join.
 */
public final class UuidTransformer implements Transformer {
    private static final long VERSION_MASK = 0xF000L;
    private static final long VARIANT_MASK = 0xC000_0000_0000_0000L;

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("uuid",
                    "A UUID with the input's version and variant bits and the other 122 bits permuted by a keyed "
                            + "cipher, so distinct UUIDs stay distinct and references to them still match. Hyphens, "
                            + "braces and letter case are kept; a value that is not 32 hex digits fails the run.")
            .columnKinds(ColumnKind.UUID, ColumnKind.TEXT)
            .deterministic()
            .uniqueSafe()
            .example("6f1c2a3e-9b7d-4c21-8f3a-2d5e6b7c8d9e")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        BitCipher cipher = new BitCipher(context.keyedHash().prf());
        long tweak = cipher.tweak(128, 0);
        return (value, row) -> {
            long msb = 0;
            long lsb = 0;
            int nibbles = 0;
            boolean upper = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                int v = hex(c);
                if (v < 0) {
                    continue;
                }
                upper |= c >= 'A' && c <= 'F';
                if (nibbles < 16) {
                    msb = (msb << 4) | v;
                } else {
                    lsb = (lsb << 4) | v;
                }
                nibbles++;
            }
            if (nibbles != 32) {
                throw new IllegalArgumentException("not a UUID: " + nibbles + " hex digits");
            }
            // free bits: msb without the version nibble (60), lsb without the variant bits (62)
            long msbFree = ((msb >>> 16) << 12) | (msb & 0xFFF);
            long lsbFree = lsb & ~VARIANT_MASK;
            cipher.encrypt(msbFree, 60, lsbFree, 62, tweak);
            long outMsb = ((cipher.high() >>> 12) << 16) | (msb & VERSION_MASK) | (cipher.high() & 0xFFF);
            long outLsb = (lsb & VARIANT_MASK) | cipher.low();
            char[] out = value.toCharArray();
            int written = 0;
            String digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
            for (int i = 0; i < out.length; i++) {
                char c = out[i];
                if (hex(c) < 0) {
                    continue;
                }
                long half = written < 16 ? outMsb : outLsb;
                int shift = (15 - (written & 15)) * 4;
                out[i] = digits.charAt((int) ((half >>> shift) & 0xF));
                written++;
            }
            return new String(out);
        };
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
