package dev.doppel.core.audit;

import dev.doppel.core.config.MaskingPolicy;
import dev.doppel.core.config.TablePolicy;
import dev.doppel.core.config.YamlText;
import dev.doppel.core.transform.MaskingKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Identifies a masking policy: SHA-256 of its normalized rules (tables and columns sorted, each
 * rule in canonical form, regardless of layout, comments or order in the file) and of the key's
 * public fingerprint. Two runs with the same fingerprint masked with the same rules and the same
 * key; neither the key nor any rule parameter can be read back from it.
 */
public final class PolicyFingerprint {
    private PolicyFingerprint() {}

    /** The normalized policy, one line per setting, table and column, sorted. */
    public static List<String> normalized(MaskingPolicy policy) {
        List<String> lines = new ArrayList<>();
        lines.add("locale " + policy.locale());
        lines.add("unclassified " + policy.unclassified().name().toLowerCase(java.util.Locale.ROOT));
        policy.verifyAllow().forEach(c -> lines.add("verify.allow " + c));
        for (TablePolicy table : policy.tables().values()) {
            lines.add("table " + table.table() + " " + table.mode().configName()
                    + (table.where() == null ? "" : " where " + table.where()));
            table.columns().values().forEach(rule -> lines.add("column " + table.table() + "." + rule.column() + " "
                    + YamlText.canonical(rule)));
        }
        lines.sort(null);
        return lines;
    }

    /** {@code sha256:} and 16 hex digits of SHA-256 over the normalized policy and the key's fingerprint. */
    public static String of(MaskingPolicy policy) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : normalized(policy)) {
                digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            digest.update(("key " + keyFingerprint(policy)).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static String keyFingerprint(MaskingPolicy policy) {
        return policy.key() == null ? "none" : new MaskingKey(policy.key().value()).fingerprint();
    }
}
