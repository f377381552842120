package dev.doppel.core.transform;

import static dev.doppel.core.transform.Rules.bind;
import static dev.doppel.core.transform.Rules.mask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.support.CheckDigits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTransformersTest {
    @Test
    void redactMasksWhatItFindsLikeTheDedicatedTransformersAndKeepsTheRest() {
        ValueTransform redact = bind("redact");
        String text = "連絡先 090-1234-5678 / tanaka@example.jp, card 4111 1111 1111 1111, マイナンバー 1234 5678 9018, "
                + "from 10.1.2.3 and 2001:db8::7 on 2024-01-31 12:00:00, order 12345.";
        String out = mask(redact, text);
        assertThat(out).startsWith("連絡先 090-").endsWith(" on 2024-01-31 12:00:00, order 12345.")
                .doesNotContain("1234-5678", "tanaka", "1111 1111 1111", "5678 9018", "10.1.2.3", "2001:db8::7");
        assertThat(out).contains(mask(bind("phone"), "090-1234-5678"), mask(bind("email"), "tanaka@example.jp"),
                mask(bind("credit_card"), "4111 1111 1111 1111"), mask(bind("my_number"), "1234 5678 9018"),
                mask(bind("ip"), "10.1.2.3"));
        assertThat(mask(redact, "nothing personal at 12:30:45")).isEqualTo("nothing personal at 12:30:45");
        assertThat(mask(bind("redact", Map.of("kinds", List.of("email"))), "mail a@b.co or 090-1234-5678"))
                .endsWith("or 090-1234-5678").doesNotContain("a@b.co");
        assertThat(mask(redact, "全角 ０９０－１２３４－５６７８")).matches("全角 ０９０－[０-９]{4}－[０-９]{4}")
                .isNotEqualTo("全角 ０９０－１２３４－５６７８");
    }

    @Test
    void jsonLeavesADocumentWithoutMatchingPathsExactlyAsItCame() {
        ValueTransform json = bind("json", Map.of("paths", Map.of("$[*].gift_to", "person_name")));
        String document = "[{\"qty\": 1, \"sku\": \"SKU-0\"}]";
        assertThat(mask(json, document)).isSameAs(document);
    }

    @Test
    void jsonMasksPathsDeletesAndKeepsTheRest() throws Exception {
        ValueTransform json = bind("json", Map.of("paths", Map.of(
                "$.contact.email", "email",
                "$.items[*].phone", Map.of("transformer", "phone", "keep_prefix", 3),
                "$..secret", "delete",
                "$.name", Map.of("transformer", "person_name", "locale", "ja"),
                "$.score", "number_noise")), Rules.column("doc", ColumnKind.JSON, -1));
        String doc = "{\"name\":\"山田 花子\",\"contact\":{\"email\":\"h@example.jp\",\"secret\":\"x\"},"
                + "\"items\":[{\"phone\":\"090-1234-5678\"},{\"phone\":null}],\"score\":10.50,\"plan\":\"gold\","
                + "\"secret\":1}";
        JsonNode out = new ObjectMapper().readTree(mask(json, doc));
        assertThat(out.get("contact").get("email").asText()).isEqualTo(mask(bind("email"), "h@example.jp"));
        assertThat(out.get("contact").has("secret")).isFalse();
        assertThat(out.has("secret")).isFalse();
        assertThat(out.get("items").get(0).get("phone").asText()).matches("090-\\d{4}-\\d{4}");
        assertThat(out.get("items").get(1).get("phone").isNull()).isTrue();
        assertThat(out.get("name").asText()).matches("\\p{IsHan}+ [\\p{IsHan}\\p{IsHiragana}]+");
        assertThat(out.get("score").isNumber()).isTrue();
        assertThat(out.get("score").decimalValue().scale()).isEqualTo(2);
        assertThat(out.get("plan").asText()).isEqualTo("gold");
        assertThatThrownBy(() -> mask(json, "{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bind("json", Map.of("paths", Map.of("$.a", "nope"))))
                .isInstanceOf(BindException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> bind("json", Map.of("paths", Map.of("a.b", "hash"))))
                .isInstanceOf(BindException.class).hasMessageContaining("must start with $");
    }

    @Test
    void partialKeepsEndsAndMasksAtLeastHalf() {
        assertThat(mask(bind("partial"), "090-1234-5678")).isEqualTo("***-****-5678");
        assertThat(mask(bind("partial", Map.of("keep_first", 2, "keep_last", 2, "mask_char", "#",
                "keep_separators", false)), "abcdefgh")).isEqualTo("ab####gh");
        assertThat(mask(bind("partial"), "abc")).isEqualTo("**c");
        assertThat(mask(bind("partial", Map.of("keep_last", 1)), "山田花子")).isEqualTo("***子");
    }

    @Test
    void regexReplaceReplacesAndFitsTheColumn() {
        ValueTransform t = bind("regex_replace", Map.of("pattern", "\\d", "replacement", "#"),
                Rules.column("c", ColumnKind.TEXT, 8));
        assertThat(mask(t, "order 12345")).isEqualTo("order ##");
        assertThatThrownBy(() -> bind("regex_replace", Map.of("pattern", "(")))
                .isInstanceOf(BindException.class).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> bind("regex_replace", Map.of("pattern", "a", "replacement", "$2")))
                .isInstanceOf(BindException.class).hasMessageContaining("group 2");
    }

    @Test
    void numberNoiseStaysWithinPercentScaleAndType() {
        ValueTransform t = bind("number_noise", Map.of("percent", 5), new Column("p", "numeric(7,2)", ColumnKind.DECIMAL,
                true, -1, false, false));
        for (int i = 1; i < 500; i++) {
            BigDecimal input = BigDecimal.valueOf(i * 100 + 37, 2);
            BigDecimal out = new BigDecimal(mask(t, input.toPlainString()));
            assertThat(out.scale()).isEqualTo(2);
            assertThat(out.subtract(input).abs()).isLessThanOrEqualTo(input.multiply(new BigDecimal("0.0501")));
        }
        ValueTransform clamp = bind("number_noise", Map.of("percent", 50), new Column("p", "numeric(5,2)",
                ColumnKind.DECIMAL, true, -1, false, false));
        for (int i = 0; i < 100; i++) {
            assertThat(new BigDecimal(mask(clamp, "99" + (i % 10) + ".99"))).isLessThanOrEqualTo(new BigDecimal("999.99"));
        }
        ValueTransform round = bind("number_noise", Map.of("round", 1000),
                new Column("n", "integer", ColumnKind.INTEGER, true, -1, false, false));
        assertThat(mask(round, "123456")).isEqualTo("123000");
        assertThat(mask(t, "NaN")).isEqualTo("NaN");
    }

    @Test
    void dateShiftMovesWithinDaysAndCanKeepTheYear() {
        ValueTransform t = bind("date_shift", Map.of("days", 10), Rules.column("d", ColumnKind.DATE, -1));
        ValueTransform year = bind("date_shift", Map.of("days", 200, "keep_year", true),
                Rules.column("d", ColumnKind.DATE, -1));
        for (int i = 0; i < 800; i++) {
            LocalDate input = LocalDate.of(1999, 12, 1).plusDays(i);
            LocalDate out = LocalDate.parse(mask(t, input.toString()));
            long moved = ChronoUnit.DAYS.between(input, out);
            assertThat(moved).isBetween(-10L, 10L).isNotZero();
            assertThat(LocalDate.parse(mask(year, input.toString())).getYear()).isEqualTo(input.getYear());
        }
        assertThat(mask(t, "infinity")).isEqualTo("infinity");
        assertThat(mask(t, "0044-03-15 BC")).isEqualTo("0044-03-15 BC");
    }

    @Test
    void choiceAndConstantRefuseWhatCannotFit() {
        assertThatThrownBy(() -> bind("choice", Map.of("values", List.of("short", "much too long")),
                Rules.column("c", ColumnKind.TEXT, 5))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("constant", Map.of("value", "too long"), Rules.column("c", ColumnKind.TEXT, 3)))
                .isInstanceOf(BindException.class);
    }

    @Test
    void emailKeepingALongDomainStillFitsANarrowColumn() {
        ValueTransform email = bind("email", Map.of("domain", "keep"), Rules.column("c", ColumnKind.TEXT, 24));
        assertThat(mask(email, "a@very-long-subdomain.example.co.jp")).hasSizeLessThanOrEqualTo(24)
                .endsWith("@example.com");
        assertThat(mask(email, "a@corp.jp")).hasSizeLessThanOrEqualTo(24).endsWith("@corp.jp");
        assertThatThrownBy(() -> bind("email", Map.of("domain", "keep"), Rules.column("c", ColumnKind.TEXT, 20)))
                .isInstanceOf(BindException.class);
    }

    @Test
    void cardsFoundInTextMustPassLuhn() {
        assertThat(CheckDigits.isLuhnValid("4111 1111 1111 1111")).isTrue();
        assertThat(CheckDigits.isLuhnValid("4111 1111 1111 1112")).isFalse();
    }
}
