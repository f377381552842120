package dev.doppel.snapshot;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that encrypts a snapshot's data files. Each file gets its own key derived
 * from it and a random salt; the key itself never touches data and is never written anywhere.
 */
public final class EncryptionKey {
    private final byte[] key;

    private EncryptionKey(byte[] key) {
        this.key = key;
    }

    /** Reads 32 bytes written as base64 ({@code openssl rand -base64 32}) or as 64 hex digits. */
    public static EncryptionKey parse(String text, String where) {
        String trimmed = text.strip();
        byte[] bytes = null;
        if (trimmed.matches("[0-9a-fA-F]{64}")) {
            bytes = HexFormat.of().parseHex(trimmed);
        } else {
            try {
                bytes = Base64.getDecoder().decode(trimmed);
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
        }
        if (bytes == null || bytes.length != 32) {
            throw new DoppelException(ExitCode.BAD_INPUT, where + " must be 32 random bytes written as base64 (generate one"
                    + " with: openssl rand -base64 32) or as 64 hex digits");
        }
        return new EncryptionKey(bytes);
    }

    /** A short public name of the key, recorded in the manifest so that a wrong key is named as such. */
    public String id() {
        return HexFormat.of().formatHex(hmac("doppel/snapshot/v1/key-id".getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    byte[] fileKey(byte[] salt) {
        byte[] label = "doppel/snapshot/v1/file-key/".getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[label.length + salt.length];
        System.arraycopy(label, 0, message, 0, label.length);
        System.arraycopy(salt, 0, message, label.length, salt.length);
        return hmac(message);
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "EncryptionKey[" + id() + "]";
    }
}
