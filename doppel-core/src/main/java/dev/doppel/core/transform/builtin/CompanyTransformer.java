package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.KeyedHash;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.Dictionary;
import dev.doppel.core.transform.support.Texts;

/** A company name as the locale writes it, picked by a keyed hash of the input. */
public final class CompanyTransformer implements Transformer {
    private static final String[] JA_WORDS = Dictionary.column("ja-company.tsv", 0);
    private static final String[] JA_INDUSTRIES = Dictionary.column("ja-company.tsv", 1);
    private static final String[] JA_FORMS = {"株式会社", "有限会社", "合同会社"};
    private static final String[] EN_SUFFIXES = {"Inc.", "LLC", "Ltd.", "Group", "Holdings", "and Sons", "Partners",
            "Co."};
    private static final String[] EN_INDUSTRIES = {"Logistics", "Foods", "Systems", "Construction", "Trading",
            "Electric", "Software", "Realty", "Consulting", "Manufacturing", "Media", "Health"};

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("company",
                    "A company name as the locale writes it, picked by a keyed hash of the input. ja: a legal "
                            + "form before or after a name and an industry (株式会社東洋商事, 山田建設株式会社); en: "
                            + "surnames or a name and an industry with a suffix (Carter Logistics LLC). Cut to fit "
                            + "the column.")
            .parameter(ParameterDescriptor.choice("locale", null,
                    "The name's language; defaults to masking.locale, en when that is unset.", "en", "ja"))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .example("ACME Trading Co., Ltd.")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        String locale = context.effectiveLocale();
        if (!locale.equals("ja") && !locale.equals("en")) {
            throw new BindException("locale '" + locale + "' has no company names; use en or ja");
        }
        boolean ja = locale.equals("ja");
        KeyedHash hash = context.keyedHash();
        int max = context.maxLength();
        return (value, row) -> {
            byte[] d = hash.digest(value);
            long a = KeyedHash.longAt(d, 0);
            long b = KeyedHash.longAt(d, 8);
            return Texts.truncate(ja ? japanese(a, b) : english(a, b), max);
        };
    }

    private static String japanese(long a, long b) {
        String name = Texts.pick(a >>> 48, 4) == 0 ? NameBook.JA.last[Texts.pick(a, NameBook.JA.last.length)]
                : JA_WORDS[Texts.pick(a, JA_WORDS.length)];
        String industry = JA_INDUSTRIES[Texts.pick(b, JA_INDUSTRIES.length)];
        int form = Texts.pick(b >>> 40, 10);
        String legal = JA_FORMS[form < 8 ? 0 : form - 7];
        return Texts.pick(b >>> 56, 2) == 0 ? legal + name + industry : name + industry + legal;
    }

    private static String english(long a, long b) {
        String[] lasts = NameBook.EN.last;
        String suffix = EN_SUFFIXES[Texts.pick(b >>> 40, EN_SUFFIXES.length)];
        return switch (Texts.pick(a >>> 56, 3)) {
            case 0 -> lasts[Texts.pick(a, lasts.length)] + " " + suffix;
            case 1 -> lasts[Texts.pick(a, lasts.length)] + " & " + lasts[Texts.pick(b, lasts.length)] + " " + suffix;
            default -> lasts[Texts.pick(a, lasts.length)] + " " + EN_INDUSTRIES[Texts.pick(b, EN_INDUSTRIES.length)]
                    + " " + suffix;
        };
    }
}
