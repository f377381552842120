package dev.doppel.core.transform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 under one domain's sub-key: the one-way, keyed function every deterministic
 * transformer derives its output from. Without the key the output says nothing about the input
 * beyond equality; with it, recovering an input still means guessing and checking candidates.
 *
 * <p>Computed as RFC 2104 defines it, with the hash states after the key's inner and outer pad
 * blocks kept and copied for each input: two SHA-256 blocks a value instead of four, the same
 * bytes as {@code Mac("HmacSHA256")} (a test holds it to that). Not thread-safe.
 */
public final class KeyedHash {
    private static final int BLOCK = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] subKey;
    private SipHash prf;

    KeyedHash(byte[] subKey) {
        this.subKey = subKey;
        try {
            byte[] key = subKey.length > BLOCK ? MessageDigest.getInstance("SHA-256").digest(subKey) : subKey;
            byte[] innerPad = new byte[BLOCK];
            byte[] outerPad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte k = i < key.length ? key[i] : 0;
                innerPad[i] = (byte) (k ^ 0x36);
                outerPad[i] = (byte) (k ^ 0x5c);
            }
            inner = MessageDigest.getInstance("SHA-256");
            inner.update(innerPad);
            outer = MessageDigest.getInstance("SHA-256");
            outer.update(outerPad);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** 32 bytes derived from the input: HMAC-SHA256(subKey, UTF-8 of input). */
    public byte[] digest(String input) {
        try {
            MessageDigest first = (MessageDigest) inner.clone();
            first.update(input.getBytes(StandardCharsets.UTF_8));
            MessageDigest second = (MessageDigest) outer.clone();
            second.update(first.digest());
            return second.digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
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
