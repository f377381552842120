package dev.doppel.core.transform;

import static dev.doppel.core.transform.Rules.bind;
import static dev.doppel.core.transform.Rules.mask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.support.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DictionaryTransformersTest {
    private static final Map<String, String> READINGS = new HashMap<>();

    static {
        Dictionary.rows("ja-surnames.tsv").forEach(r -> READINGS.put(r[0], r[1]));
        Dictionary.rows("ja-given.tsv").forEach(r -> READINGS.put(r[0], r[1]));
    }

    @Test
    void everyJapaneseNameHasAKatakanaReading() {
        READINGS.forEach((name, reading) -> assertThat(reading).as(name).matches("[ァ-ヶー]+"));
        assertThat(Dictionary.rows("ja-surnames.tsv")).hasSizeGreaterThan(100);
        assertThat(Dictionary.rows("ja-given.tsv")).hasSizeGreaterThan(80);
    }

    @Test
    void pairedKanaIsTheReadingOfTheNameWrittenInTheSameRow() {
        Rules.Rows rows = new Rules.Rows()
                .column(Rules.text("id"), null, Map.of())
                .column(Rules.text("full_name"), "person_name", Map.of("locale", "ja"))
                .column(Rules.text("full_name_kana"), "person_name_kana", Map.of("pair_with", "full_name"))
                .column(Rules.text("family_kana"), "person_name_kana",
                        Map.of("pair_with", "full_name", "part", "last", "script", "hiragana"))
                .bind();
        for (int i = 0; i < 500; i++) {
            List<String> out = rows.mask("id" + i, "山田 花子" + i, "ヤマダ ハナコ", "やまだ");
            String[] name = out.get(1).split(" ");
            assertThat(out.get(2)).isEqualTo(READINGS.get(name[0]) + " " + READINGS.get(name[1]));
            assertThat(out.get(3)).matches("[ぁ-ゖー]+");
            assertThat(out.get(3).length()).isEqualTo(READINGS.get(name[0]).length());
        }
    }

    @Test
    void kanaRefusesAPairThatIsNotAJapaneseName() {
        Rules.Rows rows = new Rules.Rows()
                .column(Rules.text("full_name"), "person_name", Map.of("locale", "en"))
                .column(Rules.text("kana"), "person_name_kana", Map.of("pair_with", "full_name"));
        assertThatThrownBy(rows::bind).isInstanceOf(BindException.class).hasMessageContaining("locale ja");
        Rules.Rows unruled = new Rules.Rows()
                .column(Rules.text("full_name"), null, Map.of())
                .column(Rules.text("kana"), "person_name_kana", Map.of("pair_with", "full_name"));
        assertThatThrownBy(unruled::bind).isInstanceOf(BindException.class).hasMessageContaining("no masking rule");
    }

    @Test
    void pairedAddressPartsDescribeOneAddress() {
        Map<String, String> prefectureOf = new HashMap<>();
        Dictionary.rows("ja-places.tsv").forEach(r -> prefectureOf.put(r[1], r[0]));
        Rules.Rows rows = new Rules.Rows().locale("ja")
                .column(Rules.text("prefecture"), "address", Map.of("part", "region"))
                .column(Rules.text("city"), "address", Map.of("part", "city", "pair_with", "prefecture"))
                .column(Rules.text("full"), "address", Map.of("pair_with", "prefecture"))
                .bind();
        for (int i = 0; i < 300; i++) {
            List<String> out = rows.mask("東京都" + i, "千代田区", "東京都千代田区丸の内1丁目9-1");
            assertThat(prefectureOf.get(out.get(1))).isEqualTo(out.get(0));
            assertThat(out.get(2)).startsWith(out.get(0) + out.get(1));
        }
    }

    @Test
    void namesArePickedAmongThoseThatFit() {
        ValueTransform tiny = bind("person_name", Map.of("locale", "ja"), Rules.column("c", ColumnKind.TEXT, 3), Rules.KEY,
                "en");
        for (int i = 0; i < 300; i++) {
            assertThat(mask(tiny, "n" + i).length()).isLessThanOrEqualTo(3);
        }
        assertThatThrownBy(() -> bind("person_name", Map.of(), Rules.column("c", ColumnKind.TEXT, 3)))
                .isInstanceOf(BindException.class).hasMessageContaining("too few");
    }

    @Test
    void thePolicyLocaleIsTheDefault() {
        ValueTransform ja = bind("person_name", Map.of(), Rules.text("c"), Rules.KEY, "ja");
        assertThat(mask(ja, "x")).matches("\\p{IsHan}+ [\\p{IsHan}\\p{IsHiragana}]+");
        ValueTransform company = bind("company", Map.of(), Rules.text("c"), Rules.KEY, "ja");
        assertThat(mask(company, "x")).matches(".*(株式会社|有限会社|合同会社).*");
    }

    @Test
    void halfWidthKanaSplitsVoicingMarks() {
        assertThat(dev.doppel.core.transform.support.Kana.convert("ガッコウ", "halfwidth")).isEqualTo("ｶﾞｯｺｳ");
        assertThat(dev.doppel.core.transform.support.Kana.convert("ポスト", "hiragana")).isEqualTo("ぽすと");
    }
}
