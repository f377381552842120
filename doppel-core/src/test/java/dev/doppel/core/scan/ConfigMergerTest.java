package dev.doppel.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.config.TablePolicy;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.TransformerRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMergerTest {
    private static final String CONFIG = """
            # doppel config for the shop — reviewed by the privacy team
            version: 1
            source: { url: "jdbc:postgresql://db/shop" }   # the read replica
            masking:
              key: "0123456789abcdef0123"
              tables:
                # people: every column reviewed on 2024-05-01
                shop.customers:
                  columns:
                    id: keep          # surrogate key
                    email: email      # login
                    # phone numbers are masked with a constant until 'phone' exists
                    phone: { transformer: constant, value: "000" }

                shop.orders: { columns: { id: keep, note: "null" } }
                shop.events: { where: "created_at > now() - interval '90 days'" }
                shop.audit:
                  mode: copy
                shop.empty:
              # the end of the tables
            """;

    private static TableName t(String name) {
        return TableName.parse(name);
    }

    private static ConfigMerger.Addition add(String column, String rule) {
        return new ConfigMerger.Addition(column, rule, "scan: " + column);
    }

    @Test
    void addsRulesEverywhereAndChangesNothingElse() {
        Map<TableName, List<ConfigMerger.Addition>> additions = new LinkedHashMap<>();
        additions.put(t("shop.customers"), List.of(add("birth_date", "null"), add("line_id", "hash")));
        additions.put(t("shop.orders"), List.of(add("contact", "email")));
        additions.put(t("shop.events"), List.of(add("kind", "keep")));
        additions.put(t("shop.audit"), List.of(add("who", "keep")));
        additions.put(t("shop.empty"), List.of(add("x", "keep")));
        additions.put(t("shop.coupons"), List.of(add("code", "keep"), add("氏名", "{ transformer: hash, length: 20 }")));

        String merged = new ConfigMerger("doppel.yml").merge(CONFIG, additions);

        assertThat(merged).contains("""
                    phone: { transformer: constant, value: "000" }
                    birth_date: null   # scan: birth_date
                    line_id: hash   # scan: line_id

                shop.orders: { columns: { id: keep, note: "null", contact: email } }
                shop.events: { where: "created_at > now() - interval '90 days'", columns: { kind: keep } }
                shop.audit:
                  mode: copy
                  columns:
                    who: keep   # scan: who
                shop.empty:
                  columns:
                    x: keep   # scan: x
                shop.coupons:   # new table: or { mode: exclude } to leave it out
                  columns:
                    code: keep   # scan: code
                    氏名: { transformer: hash, length: 20 }   # scan: 氏名
              # the end of the tables
            """);
        String expectedFlowEdits = CONFIG.replace("note: \"null\" }", "note: \"null\", contact: email }")
                .replace("days'\" }", "days'\", columns: { kind: keep } }");
        assertThat(expectedFlowEdits).isNotEqualTo(CONFIG);
        assertThat(isSubsequence(expectedFlowEdits.lines().toList(), merged.lines().toList()))
                .as("every line of the original, in order, in:%n%s", merged).isTrue();
        DoppelConfig config = new ConfigLoader(TransformerRegistry.load(), Map.<String, String>of()::get)
                .parse(merged, "doppel.yml", Path.of("."), Path.of("doppel.yml"));
        Map<TableName, TablePolicy> tables = config.masking().tables();
        assertThat(tables.get(t("shop.customers")).columns()).containsOnlyKeys("id", "email", "phone", "birth_date", "line_id");
        assertThat(tables.get(t("shop.customers")).columns().get("phone").transformer()).isEqualTo("constant");
        assertThat(tables.get(t("shop.orders")).columns()).containsOnlyKeys("id", "note", "contact");
        assertThat(tables.get(t("shop.events")).where()).contains("90 days");
        assertThat(tables.get(t("shop.coupons")).columns().get("氏名").params()).containsKey("length");
    }

    private static boolean isSubsequence(List<String> original, List<String> merged) {
        int at = 0;
        for (String line : original) {
            while (at < merged.size() && !merged.get(at).equals(line)) {
                at++;
            }
            if (at++ >= merged.size()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void addsATablesSectionWhenThereIsNone() {
        String text = "version: 1\nsource: { url: \"jdbc:postgresql://db/x\" }\nmasking:\n  key: \"0123456789abcdef\"\n"
                + "  unclassified: fail   # the default\n";
        String merged = new ConfigMerger("doppel.yml").merge(text, Map.of(t("public.users"), List.of(add("id", "keep"))));
        assertThat(merged).isEqualTo(text + "  tables:\n    public.users:   # new table: or { mode: exclude } to leave it out\n"
                + "      columns:\n        id: keep   # scan: id\n");
    }

    @Test
    void refusesLayoutsItCannotEditSafely() {
        String text = "version: 1\nsource: { url: \"jdbc:postgresql://db/x\" }\nmasking: { key: \"0123456789abcdef\" }\n";
        assertThatThrownBy(() -> new ConfigMerger("doppel.yml").merge(text, Map.of(t("public.users"), List.of(add("id", "keep")))))
                .isInstanceOf(DoppelException.class).hasMessageContaining("nothing was changed");
    }
}
