package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.Kana;
import dev.doppel.core.transform.support.Texts;
import java.util.Arrays;

/**
 * The katakana (or hiragana, or half-width) reading of a Japanese name. With {@code pair_with}
 * it rebuilds the picks of that column's {@code person_name} rule from the same row's source
 * value, so 佐藤 太郎 in the name column comes with サトウ タロウ in this one.
 */
public final class PersonNameKanaTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("person_name_kana",
                    "The reading of a Japanese person name in katakana (サトウ タロウ), hiragana or half-width "
                            + "katakana. With pair_with it is the reading of exactly the name person_name writes "
                            + "for that column in the same row; without it, the reading of a name picked from this "
                            + "column's own value.")
            .parameter(ParameterDescriptor.optional("pair_with", ParamType.STRING, null,
                    "A column of the same table ruled by person_name with locale ja; this column then holds the "
                            + "reading of the name written there."))
            .parameter(ParameterDescriptor.choice("part", null,
                    "Which part of the name to read; defaults to the paired column's part, or full.",
                    "full", "first", "last"))
            .parameter(ParameterDescriptor.choice("script", "katakana", "How the reading is written.",
                    "katakana", "hiragana", "halfwidth"))
            .parameter(ParameterDescriptor.optional("separator", ParamType.STRING, null,
                    "What stands between family and given name; defaults to the paired column's separator, or a "
                            + "space."))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .example("ヤマダ ハナコ")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        String pairWith = context.params().string("pair_with");
        String script = context.params().string("script");
        NamePicker picker;
        int pairIndex = -1;
        if (pairWith != null) {
            BindContext paired = context.ruleOf(pairWith).orElseThrow(() -> new BindException("pair_with names "
                    + pairWith + ", which has no masking rule in this table; rule it with person_name (locale ja)"));
            if (!paired.descriptor().name().equals(PersonNameTransformer.NAME)) {
                throw new BindException("pair_with names " + pairWith + ", which is ruled by '"
                        + paired.descriptor().name() + "'; it must be ruled by person_name with locale ja");
            }
            picker = PersonNameTransformer.picker(paired);
            if (!picker.book.familyNameFirst) {
                throw new BindException("pair_with names " + pairWith + ", whose person_name rule writes "
                        + paired.effectiveLocale() + " names; readings exist for locale ja only");
            }
            pairIndex = context.scope().rowIndex(pairWith);
            if (pairIndex < 0) {
                throw new BindException("pair_with names " + pairWith + ", which is not copied");
            }
        } else {
            String part = context.params().string("part");
            picker = new NamePicker(context.keyedHash(), NameBook.JA, part == null ? "full" : part,
                    separator(context, " "), context.maxLength(), true);
        }
        String part = context.params().string("part") == null ? picker.part : context.params().string("part");
        String separator = Kana.convert(separator(context, picker.separator), script);
        String[] lasts = Arrays.stream(picker.book.lastReading).map(r -> Kana.convert(r, script)).toArray(String[]::new);
        String[] firsts = Arrays.stream(picker.book.firstReading).map(r -> Kana.convert(r, script))
                .toArray(String[]::new);
        int longest = switch (part) {
            case "last" -> longest(lasts);
            case "first" -> longest(firsts);
            default -> longest(lasts) + Texts.length(separator) + longest(firsts);
        };
        if (pairWith != null && longest > context.maxLength()) {
            throw new BindException("column holds " + context.maxLength() + " characters, but a reading can have "
                    + longest + "; widen the column or read one part only");
        }
        NamePicker names = picker;
        int source = pairIndex;
        int max = context.maxLength();
        return (value, row) -> {
            String name = source < 0 ? value : row.source(source);
            names.pick(name == null || name.isEmpty() ? value : name);
            return Texts.truncate(write(names, part, separator, lasts, firsts), max);
        };
    }

    private static String write(NamePicker names, String part, String separator, String[] lasts, String[] firsts) {
        return switch (part) {
            case "last" -> lasts[names.lastIndex];
            case "first" -> firsts[names.firstIndex];
            default -> lasts[names.lastIndex] + separator + firsts[names.firstIndex];
        };
    }

    private static String separator(BindContext context, String fallback) {
        String given = context.params().string("separator");
        return given != null ? given : fallback;
    }

    private static int longest(String[] words) {
        return Arrays.stream(words).mapToInt(Texts::length).max().orElse(0);
    }
}
