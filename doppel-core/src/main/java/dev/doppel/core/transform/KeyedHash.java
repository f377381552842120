package dev.doppel.core.transform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one domain's sub-key: the one-way, keyed function every deterministic
 * transformer derives its output from. Without the key the output says nothing about the input
 * beyond equality; with it, recovering an input still means guessing and checking candidates.
 * Not thread-safe.
 */
public final class KeyedHash {
    private final Mac mac;
    private final byte[] subKey;
    private SipHash prf;

    KeyedHash(byte[] subKey) {
        this.subKey = subKey;
        try {
            mac = Mac.getInstance(MaskingKey.ALGORITHM);
            mac.init(new SecretKeySpec(subKey, MaskingKey.ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** 32 bytes derived from the input. */
    public byte[] digest(String input) {
        return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    }

    /** The first 8 bytes of {@link #digest} as a long. */
    public long digestLong(String input) {
        return longAt(digest(input), 0);
    }

    /** Bytes {@code [offset, offset + 8)} of a digest as a long (big-endian). */
    public static long longAt(byte[] digest, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[offset + i] & 0xff);
        }
        return value;
    }

    /**
     * A fast keyed function of this domain for format-preserving permutations: SipHash-2-4 under
     * {@code HMAC-SHA256(subKey, "doppel/v1/prf")}, so it is as secret as the domain's sub-key.
     */
    public SipHash prf() {
        if (prf == null) {
            prf = new SipHash(MaskingKey.hmac(subKey, "doppel/v1/prf".getBytes(StandardCharsets.UTF_8)));
        }
        return prf;
    }
}
