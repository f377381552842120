package dev.doppel.core.plan;

import dev.doppel.core.config.YamlNode;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.transform.MaskingKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of everything that decides a run's output: the key (through its fingerprint), every
 * table's action and column rules, and the schema statements. Two runs with the same fingerprint
 * write the same target, which is what {@code run --resume} checks before continuing.
 */
public final class PlanFingerprint {
    private PlanFingerprint() {}

    public static String of(Plan plan, MaskingKey key) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        StringBuilder text = new StringBuilder("key ").append(key.fingerprint()).append('\n');
        for (TablePlan table : plan.tables()) {
            text.append("table ").append(table.table().name()).append(' ').append(table.mode()).append(" where ")
                    .append(table.where()).append('\n');
            for (ColumnPlan column : table.columns()) {
                text.append("  ").append(column.column().name()).append(' ').append(column.column().nativeType()).append(' ')
                        .append(column.transformer()).append(' ').append(params(column)).append('\n');
            }
        }
        for (DdlStatement statement : plan.ddl()) {
            text.append(statement.phase()).append(' ').append(statement.sql()).append('\n');
        }
        return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static String params(ColumnPlan column) {
        if (column.rule() == null) {
            return "";
        }
        Map<String, String> sorted = new TreeMap<>();
        column.rule().params().forEach((name, node) -> sorted.put(name, render(node)));
        return sorted.toString();
    }

    private static String render(YamlNode node) {
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar.text();
        }
        if (node instanceof YamlNode.Sequence sequence) {
            return sequence.items().stream().map(PlanFingerprint::render).toList().toString();
        }
        if (node instanceof YamlNode.Mapping mapping) {
            Map<String, String> sorted = new TreeMap<>();
            mapping.entries().forEach((k, v) -> sorted.put(k, render(v)));
            return sorted.toString();
        }
        return "";
    }
}
