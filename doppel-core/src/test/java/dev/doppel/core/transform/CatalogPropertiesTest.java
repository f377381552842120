package dev.doppel.core.transform;

import static dev.doppel.core.transform.Rules.bind;
import static dev.doppel.core.transform.Rules.column;
import static dev.doppel.core.transform.Rules.mask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.support.CheckDigits;
import dev.doppel.core.transform.support.Texts;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The properties every keyed transformer keeps, checked on a few hundred generated inputs each:
 * deterministic under one key, different under another, NULL and empty kept, the documented
 * format holds, and the output fits a column narrower than usual.
 */
class CatalogPropertiesTest {
    private static final int INPUTS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String transformer, Map<String, ?> params, ColumnKind kind, int limit, IntFunction<String> input,
                Predicate<String> format) {
        @Override
        public String toString() {
            return transformer + (params.isEmpty() ? "" : " " + params);
        }

        List<String> inputs() {
            return IntStream.range(0, INPUTS).mapToObj(input).toList();
        }

        ValueTransform bound(String key, int maxLength) {
            return bind(transformer, params, column("c", kind, maxLength), key, "en");
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("hash", Map.of(), ColumnKind.TEXT, 20, i -> "user" + i + "@example.com",
                        s -> s.matches("[0-9a-f]{20,32}")),
                new Case("hash", Map.of("encoding", "base64", "length", 22), ColumnKind.TEXT, 22, i -> "v" + i,
                        s -> s.matches("[A-Za-z0-9_-]{22}")),
                new Case("email", Map.of(), ColumnKind.TEXT, 40, i -> "user" + i + "@example.jp",
                        s -> s.matches("[a-z2-7]{10,16}@example\\.com")),
                new Case("email", Map.of("domain", "keep"), ColumnKind.TEXT, 60, i -> "user" + i + "@corp.example.jp",
                        s -> s.matches("[a-z2-7]{16}@corp\\.example\\.jp")),
                new Case("person_name", Map.of("locale", "ja"), ColumnKind.TEXT, 5, i -> "山田 花子" + i,
                        s -> s.matches("[\\p{IsHan}\\p{IsHiragana}々]+ [\\p{IsHan}\\p{IsHiragana}々]+")),
                new Case("person_name", Map.of("part", "last"), ColumnKind.TEXT, 6, i -> "Smith" + i,
                        s -> s.matches("[A-Z][A-Za-z]+")),
                new Case("person_name", Map.of(), ColumnKind.TEXT, 14, i -> "Mary Smith " + i,
                        s -> s.matches("[A-Z][a-z]+ [A-Z][A-Za-z]+")),
                new Case("person_name_kana", Map.of(), ColumnKind.TEXT, 9, i -> "ヤマダ ハナコ" + i,
                        s -> s.matches("[ァ-ヶー]+ [ァ-ヶー]+")),
                new Case("person_name_kana", Map.of("script", "halfwidth", "part", "last"), ColumnKind.TEXT, 8,
                        i -> "ﾔﾏﾀﾞ" + i, s -> s.matches("[\\uFF66-\\uFF9F]+")),
                new Case("phone", Map.of(), ColumnKind.TEXT, 13, i -> String.format("090-%04d-%04d", i, i * 7 % 10000),
                        s -> s.matches("090-\\d{4}-\\d{4}")),
                new Case("phone", Map.of(), ColumnKind.TEXT, 16, i -> String.format("+81 3 %04d %04d", i, i * 3 % 10000),
                        s -> s.matches("\\+81 3 \\d{4} \\d{4}")),
                new Case("postal_code", Map.of(), ColumnKind.TEXT, 8, i -> String.format("%03d-%04d", i, i * 13 % 10000),
                        s -> s.matches("\\d{3}-\\d{4}")),
                new Case("postal_code", Map.of("keep_prefix", 1), ColumnKind.TEXT, 10,
                        i -> String.format("9%04d-%04d", i, i), s -> s.matches("9\\d{4}-\\d{4}")),
                new Case("address", Map.of("locale", "ja"), ColumnKind.TEXT, 200, i -> "東京都港区" + i,
                        s -> s.matches("(北海道|東京都|京都府|大阪府|\\p{IsHan}{2,3}県)\\S+?[市区]\\S*\\d丁目\\d+-\\d+")),
                new Case("address", Map.of(), ColumnKind.TEXT, 200, i -> i + " Main St",
                        s -> s.matches("\\d{3,4} \\w+ \\w+, [A-Za-z. ]+, [A-Z]{2} \\d{5}")),
                new Case("address", Map.of("part", "street"), ColumnKind.TEXT, 12, i -> i + " Main St",
                        s -> s.matches("\\d{3,4} \\w+.*")),
                new Case("company", Map.of("locale", "ja"), ColumnKind.TEXT, 40, i -> "株式会社サンプル" + i,
                        s -> s.matches(".*(株式会社|有限会社|合同会社).*")),
                new Case("company", Map.of(), ColumnKind.TEXT, 10, i -> "ACME " + i, s -> !s.isBlank()),
                new Case("username", Map.of(), ColumnKind.TEXT, 20, i -> "hanako.tanaka_" + i,
                        s -> s.matches("[a-z]{6}\\.[a-z]{6}_\\d+")),
                new Case("ip", Map.of(), ColumnKind.TEXT, 15, i -> "10.0." + (i / 256) + "." + (i % 256),
                        s -> isIpv4(s)),
                new Case("ip", Map.of("keep_prefix_v6", 32), ColumnKind.TEXT, 39, i -> "2001:db8::" + Integer.toHexString(i),
                        s -> s.startsWith("2001:db8:") && s.matches("[0-9a-f:]+")),
                new Case("credit_card", Map.of(), ColumnKind.TEXT, 19, CatalogPropertiesTest::card,
                        s -> s.matches("4111 11\\d\\d \\d{4} \\d{4}") && CheckDigits.isLuhnValid(s)),
                new Case("credit_card", Map.of("keep_first", 0, "keep_last", 0), ColumnKind.TEXT, 16,
                        i -> card(i).replace(" ", ""), s -> s.matches("\\d{16}") && CheckDigits.isLuhnValid(s)),
                new Case("my_number", Map.of(), ColumnKind.TEXT, 12, CatalogPropertiesTest::myNumber,
                        s -> s.matches("\\d{12}") && CheckDigits.isMyNumberValid(s)),
                new Case("date_shift", Map.of(), ColumnKind.DATE, -1,
                        i -> java.time.LocalDate.of(1980, 1, 1).plusDays(i * 37L).toString(),
                        s -> s.matches("\\d{4}-\\d{2}-\\d{2}")),
                new Case("date_shift", Map.of("days", 400), ColumnKind.TIMESTAMP, -1,
                        i -> java.time.LocalDate.of(2020, 1, 1).plusDays(i).toString() + " 12:34:56.789+09",
                        s -> s.matches("\\d{4}-\\d{2}-\\d{2} 12:34:56\\.789\\+09")),
                new Case("number_noise", Map.of(), ColumnKind.DECIMAL, -1, i -> (1000 + i) + "." + (i % 100 < 10 ? "0" : "")
                        + (i % 100), s -> s.matches("\\d+\\.\\d{2}")),
                new Case("uuid", Map.of(), ColumnKind.UUID, -1,
                        i -> String.format("%08x-1234-4abc-9def-%012x", i, i * 31L),
                        s -> s.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")),
                new Case("choice", Map.of("values", List.of("bronze", "silver", "gold", "platinum")), ColumnKind.TEXT, 8,
                        i -> "tier" + i, s -> List.of("bronze", "silver", "gold", "platinum").contains(s)),
                new Case("redact", Map.of(), ColumnKind.TEXT, -1,
                        i -> "Call 090-" + String.format("%04d", i) + "-5678 or mail user" + i + "@example.jp today",
                        s -> s.matches("Call 090-\\d{4}-\\d{4} or mail [a-z2-7]{16}@example\\.com today")),
                new Case("json", Map.of("paths", Map.of("$.email", "email", "$.tags[*]", "hash")), ColumnKind.JSON, -1,
                        i -> "{\"email\":\"u" + i + "@example.jp\",\"n\":" + i + ",\"tags\":[\"a" + i + "\"]}",
                        CatalogPropertiesTest::parsesAsJson));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void equalInputsAndKeyGiveEqualOutputs(Case c) {
        ValueTransform first = c.bound(Rules.KEY, -1);
        ValueTransform second = c.bound(Rules.KEY, -1);
        for (String input : c.inputs()) {
            assertThat(mask(second, input)).isEqualTo(mask(first, input));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anotherKeyGivesOtherOutputs(Case c) {
        ValueTransform one = c.bound(Rules.KEY, -1);
        ValueTransform other = c.bound("another-key-9876543210", -1);
        long differing = c.inputs().stream().filter(i -> !mask(one, i).equals(mask(other, i))).count();
        // dictionary picks and small lists coincide now and then; keyed ciphers and digests almost never
        assertThat(differing).isGreaterThanOrEqualTo(c.transformer().equals("choice") ? INPUTS / 2 : INPUTS * 8 / 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nullStaysNullAndEmptyStaysEmpty(Case c) {
        ValueTransform t = c.bound(Rules.KEY, -1);
        assertThat(mask(t, null)).isNull();
        assertThat(mask(t, "")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputHasTheDocumentedFormatAndChangesTheValue(Case c) {
        ValueTransform t = c.bound(Rules.KEY, -1);
        long changed = 0;
        for (String input : c.inputs()) {
            String output = mask(t, input);
            assertThat(output).as("%s of an input", c).matches(c.format());
            if (!output.equals(input)) {
                changed++;
            }
        }
        assertThat(changed).isGreaterThanOrEqualTo(INPUTS * 9 / 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputFitsTheColumn(Case c) {
        if (c.limit() < 0) {
            return;
        }
        ValueTransform t = c.bound(Rules.KEY, c.limit());
        for (String input : c.inputs()) {
            assertThat(Texts.length(mask(t, input))).isLessThanOrEqualTo(c.limit());
        }
    }

    static String card(int i) {
        String body = String.format("411111%09d", i * 7L);
        int check = (10 - luhnSum(body + "0")) % 10;
        String digits = body + check;
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8, 12) + " "
                + digits.substring(12);
    }

    private static int luhnSum(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10;
    }

    static String myNumber(int i) {
        String body = String.format("%011d", i * 9_973L + 10_000_000_000L / 3);
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            sum += (body.charAt(11 - n) - '0') * (n <= 6 ? n + 1 : n - 5);
        }
        int r = sum % 11;
        return body + (r <= 1 ? 0 : 11 - r);
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.");
        return parts.length == 4 && Stream.of(parts).allMatch(p -> p.matches("\\d{1,3}") && Integer.parseInt(p) < 256);
    }

    static boolean parsesAsJson(String s) {
        try {
            var node = JSON.readTree(s);
            return node.get("email").asText().endsWith("@example.com") && node.get("n").isNumber()
                    && node.get("tags").get(0).asText().matches("[0-9a-f]{32}");
        } catch (Exception e) {
            return false;
        }
    }

}
