package dev.doppel.core.transform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret behind deterministic output. Each determinism domain gets its own sub-key,
 * {@code HMAC-SHA256(key, "doppel/v1/" + domain)}, so that outputs of different domains are
 * unrelated and the master key is never used directly on data.
 */
public final class MaskingKey {
    static final String ALGORITHM = "HmacSHA256";
    private final byte[] secret;

    public MaskingKey(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A keyed one-way function for one domain; not thread-safe, make one per worker. */
    public KeyedHash forDomain(String domain) {
        return new KeyedHash(hmac(secret, ("doppel/v1/" + domain).getBytes(StandardCharsets.UTF_8)));
    }

    /** A short public identifier of the key, safe to print: it does not reveal the key. */
    public String fingerprint() {
        byte[] digest = hmac(secret, "doppel/v1/fingerprint".getBytes(StandardCharsets.UTF_8));
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
