package dev.doppel.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transformers that read the rest of the row, and the row contract of the real {@link dev.doppel.core.text.RowMasker}. */
class RowAwareTest {
    @Test
    void templateComposesFromMaskedColumnsWhicheverComesFirst() {
        Rules.Rows rows = new Rules.Rows()
                .column(Rules.text("display"), "template", Map.of("template", "{last} {first} <{email}>"))
                .column(Rules.text("first"), "person_name", Map.of("part", "first"))
                .column(Rules.text("last"), "person_name", Map.of("part", "last"))
                .column(Rules.text("email"), "email", Map.of())
                .column(Rules.text("note"), null, Map.of())
                .bind();
        List<String> out = rows.mask("Hanako Yamada", "Hanako", "Yamada", "h@example.jp", "kept");
        assertThat(out.get(0)).isEqualTo(out.get(2) + " " + out.get(1) + " <" + out.get(3) + ">");
        assertThat(out.get(1)).isNotEqualTo("Hanako");
        assertThat(out.get(4)).isEqualTo("kept");
        List<String> withNull = rows.mask("x", null, "Yamada", "h@example.jp", null);
        assertThat(withNull.get(1)).isNull();
        assertThat(withNull.get(0)).isEqualTo(withNull.get(2) + "  <" + withNull.get(3) + ">");
        assertThat(withNull.get(4)).isNull();
    }

    @Test
    void templatesMayNotReferToEachOtherInACircle() {
        Rules.Rows rows = new Rules.Rows()
                .column(Rules.text("a"), "template", Map.of("template", "{b}"))
                .column(Rules.text("b"), "template", Map.of("template", "{a}!"));
        assertThatThrownBy(rows::bind).isInstanceOf(BindException.class).hasMessageContaining("circle");
        Rules.Rows missing = new Rules.Rows().column(Rules.text("a"), "template", Map.of("template", "{nope}"));
        assertThatThrownBy(missing::bind).isInstanceOf(BindException.class).hasMessageContaining("{nope}");
    }

    @Test
    void aColumnRuledNullIsNotReadUnlessAnotherRuleReadsIt() {
        Rules.Rows rows = new Rules.Rows()
                .column(Rules.text("notes"), "null", Map.of())
                .column(Rules.text("memo"), "null", Map.of())
                .column(Rules.text("display"), "template", Map.of("template", "<{memo}>"))
                .column(Rules.text("kept"), "keep", Map.of())
                .bind();
        assertThat(rows.readAsNull()).containsExactly("notes");
        List<String> out = rows.mask("a long note", "", "x", "k");
        assertThat(out.get(0)).as("ruled null").isNull();
        assertThat(out.get(1)).as("empty becomes NULL too, as when it is read as NULL").isNull();
        assertThat(out.get(3)).isEqualTo("k");
    }

    @Test
    void nullAndEmptyStayAsTheyAreInTheRowPath() {
        Rules.Rows rows = new Rules.Rows()
                .column(Rules.text("email"), "email", Map.of())
                .column(Rules.text("name"), "constant", Map.of("value", "x"))
                .bind();
        assertThat(rows.mask(null, "")).containsExactly(null, "");
        assertThat(rows.mask("", null)).containsExactly("", null);
        assertThat(rows.mask("a@b.c", "y").get(1)).isEqualTo("x");
    }

    @Test
    void defaultWritesTheColumnsConstantDefault() {
        Column status = new Column("status", "text", ColumnKind.TEXT, false, 10, false, false, "active");
        assertThat(Rules.mask(Rules.bind("default", Map.of(), status), "suspended")).isEqualTo("active");
        Column computed = new Column("at", "timestamp", ColumnKind.TIMESTAMP, false, -1, false, false, null);
        assertThatThrownBy(() -> Rules.bind("default", Map.of(), computed)).isInstanceOf(BindException.class)
                .hasMessageContaining("no constant default");
    }

    @Test
    void aUniqueColumnRefusesTransformersThatMayRepeatValues() {
        Column unique = new Column("code", "text", ColumnKind.TEXT, false, -1, true, false);
        assertThatThrownBy(() -> new Rules.Rows().column(unique, "person_name", Map.of()).bind())
                .isInstanceOf(BindException.class).hasMessageContaining("UNIQUE").hasMessageContaining("phone");
        assertThat(new Rules.Rows().column(unique, "username", Map.of()).bind().mask("hanako").get(0)).hasSize(6);
    }

    @Test
    void theSameInputMasksAlikeInEveryTableAndAColumnDomainSeparatesIt() {
        String a = Rules.mask(Rules.bind("email"), "tanaka@example.jp");
        String b = Rules.mask(Rules.bind("email", Map.of(), Rules.text("contact_email")), "tanaka@example.jp");
        assertThat(a).isEqualTo(b);
        String phoneInDomain = Rules.mask(Rules.bind("hash", Map.of("domain", "customers")), "x");
        String hashInDomain = Rules.mask(Rules.bind("hash", Map.of("domain", "customers")), "x");
        assertThat(phoneInDomain).isEqualTo(hashInDomain).isNotEqualTo(Rules.mask(Rules.bind("hash"), "x"));
    }
}
