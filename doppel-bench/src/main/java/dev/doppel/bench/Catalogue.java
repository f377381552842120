package dev.doppel.bench;

import dev.doppel.core.config.YamlNode;
import dev.doppel.core.error.Location;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.Params;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.core.transform.ValueTransform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** The benchmarked rules: a transformer, its parameters, its column type and realistic inputs. */
final class Catalogue {
    static final String KEY = "benchmark-key-not-secret";

    record Rule(String name, String transformer, Map<String, Object> params, ColumnKind kind, String nativeType,
                String locale, IntFunction<String> input) {}

    static final List<Rule> RULES = List.of(
            new Rule("hash", "hash", Map.of(), ColumnKind.TEXT, "text", "en", i -> "customer-" + i),
            new Rule("email", "email", Map.of(), ColumnKind.TEXT, "text", "en", i -> "user" + i + "@example.jp"),
            new Rule("phone", "phone", Map.of(), ColumnKind.TEXT, "text", "en", i -> "090-" + pad(i, 4) + "-" + pad(i * 7, 4)),
            new Rule("postal_code", "postal_code", Map.of(), ColumnKind.TEXT, "text", "en", i -> pad(i, 3) + "-" + pad(i, 4)),
            new Rule("credit_card", "credit_card", Map.of(), ColumnKind.TEXT, "text", "en",
                    i -> "4111 11" + pad(i, 2) + " " + pad(i * 3, 4) + " " + pad(i * 7, 4)),
            new Rule("my_number", "my_number", Map.of(), ColumnKind.TEXT, "text", "en", i -> pad(i * 7919, 12)),
            new Rule("uuid", "uuid", Map.of(), ColumnKind.UUID, "uuid", "en", i -> pad(i, 8) + "-1234-4abc-9def-" + pad(i, 12)),
            new Rule("ip", "ip", Map.of(), ColumnKind.TEXT, "text", "en", i -> "10.1." + (i >> 8 & 255) + "." + (i & 255)),
            new Rule("username", "username", Map.of(), ColumnKind.TEXT, "text", "en", i -> "hanako.tanaka" + i),
            new Rule("date_shift", "date_shift", Map.of(), ColumnKind.DATE, "date", "en",
                    i -> "19" + (50 + i % 50) + "-0" + (1 + i % 9) + "-1" + (i % 9)),
            new Rule("number_noise", "number_noise", Map.of(), ColumnKind.DECIMAL, "numeric(12,2)", "en",
                    i -> (1000 + i) + ".25"),
            new Rule("partial", "partial", Map.of(), ColumnKind.TEXT, "text", "en", i -> "090-1234-" + pad(i, 4)),
            new Rule("person_name_en", "person_name", Map.of(), ColumnKind.TEXT, "text", "en", i -> "Mary Smith " + i),
            new Rule("person_name_ja", "person_name", Map.of("locale", "ja"), ColumnKind.TEXT, "text", "ja",
                    i -> "山田 花子" + i),
            new Rule("person_name_kana", "person_name_kana", Map.of(), ColumnKind.TEXT, "text", "ja", i -> "ヤマダ" + i),
            new Rule("address_ja", "address", Map.of("locale", "ja"), ColumnKind.TEXT, "text", "ja", i -> "東京都" + i),
            new Rule("address_en", "address", Map.of(), ColumnKind.TEXT, "text", "en", i -> i + " Main St"),
            new Rule("company_ja", "company", Map.of("locale", "ja"), ColumnKind.TEXT, "text", "ja", i -> "会社" + i),
            new Rule("choice", "choice", Map.of("values", List.of("bronze", "silver", "gold")), ColumnKind.TEXT, "text", "en",
                    i -> "tier" + i),
            new Rule("redact", "redact", Map.of(), ColumnKind.TEXT, "text", "en",
                    i -> "Customer asked to call 090-1234-" + pad(i, 4) + " or write to user" + i
                            + "@example.jp about order " + i + "."),
            new Rule("json", "json", Map.of("paths", Map.of("$.email", "email", "$.phone", "phone")), ColumnKind.JSON,
                    "jsonb", "en", i -> "{\"email\": \"u" + i + "@example.jp\", \"phone\": \"090-1234-" + pad(i, 4)
                            + "\", \"plan\": \"gold\"}"));

    private Catalogue() {}

    static Rule rule(String name) {
        return RULES.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    static ValueTransform bind(Rule rule) {
        TransformerRegistry registry = TransformerRegistry.builtin();
        Transformer transformer = registry.find(rule.transformer()).orElseThrow();
        Column column = new Column("c", rule.nativeType(), rule.kind(), true, -1, false, false);
        Table table = new Table(new TableName("bench", "t"), List.of(column), -1, -1);
        Map<String, YamlNode> params = new LinkedHashMap<>();
        rule.params().forEach((k, v) -> params.put(k, node(v)));
        return transformer.bind(new BindContext(table, column, transformer.descriptor(),
                new Params(transformer.descriptor(), params), new MaskingKey(KEY), rule.locale()));
    }

    @SuppressWarnings("unchecked")
    private static YamlNode node(Object value) {
        if (value instanceof List<?> list) {
            List<YamlNode> items = new ArrayList<>();
            list.forEach(i -> items.add(node(i)));
            return new YamlNode.Sequence(items, Location.NONE);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Location> locations = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                entries.put(k, node(v));
                locations.put(k, Location.NONE);
            });
            return new YamlNode.Mapping(entries, locations, Location.NONE);
        }
        return new YamlNode.Scalar(String.valueOf(value), Location.NONE);
    }

    static String pad(long value, int width) {
        String digits = Long.toString(Math.abs(value));
        if (digits.length() > width) {
            return digits.substring(digits.length() - width);
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
