package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;

/** A realistic person name for the locale, picked by a keyed hash of the input. */
public final class PersonNameTransformer implements Transformer {
    static final String NAME = "person_name";

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder(NAME,
                    "A person name that reads as real in its locale, picked from name lists by a keyed hash of the "
                            + "input, so equal inputs give equal names. ja writes kanji, family name first "
                            + "(佐藤 太郎), with readings that person_name_kana can write; en writes given name "
                            + "first (Mary Smith). The name is picked among those that fit the column.")
            .parameter(ParameterDescriptor.choice("part", "full", "Which part of the name to write.",
                    "full", "first", "last"))
            .parameter(ParameterDescriptor.choice("locale", null,
                    "The names' language; defaults to masking.locale, en when that is unset.", "en", "ja"))
            .parameter(ParameterDescriptor.optional("separator", ParamType.STRING, " ",
                    "What stands between family and given name in a full name, e.g. a full-width space '　'."))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .example("Hanako Yamada")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        NamePicker picker = picker(context);
        String part = picker.part;
        String[] lasts = picker.book.last;
        String[] firsts = picker.book.first;
        return (value, row) -> {
            picker.pick(value);
            return picker.write(part, lasts, firsts);
        };
    }

    /** The picker a {@code person_name} rule uses, rebuilt identically by paired kana columns. */
    static NamePicker picker(BindContext context) {
        NameBook book = NameBook.of(context.effectiveLocale());
        String separator = context.params().string("separator");
        return new NamePicker(context.keyedHash(), book, context.params().string("part"),
                separator == null ? " " : separator, context.maxLength(), false);
    }
}
