package dev.doppel.core.scan;

import dev.doppel.core.schema.ColumnKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The kinds of personal data the scanner recognises, each with the column types it can live in
 * and the transformers that mask it, best first. A proposal takes the first transformer of the
 * list that is installed and fits the column.
 */
public enum PiiCategory {
    EMAIL("e-mail address", kinds(ColumnKind.TEXT), List.of(RuleProposal.of("email"))),
    PHONE("phone number", kinds(ColumnKind.TEXT, ColumnKind.INTEGER),
            List.of(RuleProposal.of("phone"), RuleProposal.of("hash"), RuleProposal.of("null"))),
    PERSON_NAME("person name", kinds(ColumnKind.TEXT), List.of(RuleProposal.of("person_name"), RuleProposal.of("hash"))),
    NAME_KANA("name reading (kana)", kinds(ColumnKind.TEXT),
            List.of(RuleProposal.of("person_name_kana"), RuleProposal.of("hash"))),
    ADDRESS("postal address", kinds(ColumnKind.TEXT), List.of(RuleProposal.of("address"), RuleProposal.of("hash"))),
    POSTAL_CODE("postal code", kinds(ColumnKind.TEXT, ColumnKind.INTEGER),
            List.of(RuleProposal.of("postal_code"), RuleProposal.of("hash"), RuleProposal.of("null"))),
    BIRTH_DATE("birth date", kinds(ColumnKind.DATE, ColumnKind.TIMESTAMP, ColumnKind.TEXT),
            List.of(RuleProposal.of("date_shift", "days", "365"), RuleProposal.of("null"),
                    RuleProposal.of("constant", "value", "1970-01-01"))),
    IP_ADDRESS("IP address", kinds(ColumnKind.TEXT, ColumnKind.OTHER),
            List.of(RuleProposal.of("ip"), RuleProposal.of("hash"), RuleProposal.of("null"))),
    CARD_NUMBER("payment card number", kinds(ColumnKind.TEXT, ColumnKind.INTEGER, ColumnKind.DECIMAL),
            List.of(RuleProposal.of("credit_card"), RuleProposal.of("hash"), RuleProposal.of("null"))),
    MY_NUMBER("My Number", kinds(ColumnKind.TEXT, ColumnKind.INTEGER, ColumnKind.DECIMAL),
            List.of(RuleProposal.of("my_number"), RuleProposal.of("hash"), RuleProposal.of("null"))),
    USERNAME("user name or handle", kinds(ColumnKind.TEXT), List.of(RuleProposal.of("username"), RuleProposal.of("hash"))),
    SECRET("password or secret", kinds(ColumnKind.TEXT, ColumnKind.BINARY),
            List.of(RuleProposal.of("hash"), RuleProposal.of("null"))),
    FREE_TEXT("free text with personal data", kinds(ColumnKind.TEXT),
            List.of(RuleProposal.of("redact"), RuleProposal.of("null"), RuleProposal.of("constant", "value", ""))),
    JSON("JSON with personal data", kinds(ColumnKind.JSON, ColumnKind.TEXT),
            List.of(RuleProposal.of("null"), RuleProposal.of("constant", "value", "{}")));

    private final String label;
    private final Set<ColumnKind> kinds;
    private final List<RuleProposal> transformers;

    PiiCategory(String label, Set<ColumnKind> kinds, List<RuleProposal> transformers) {
        this.label = label;
        this.kinds = kinds;
        this.transformers = transformers;
    }

    /** How people call it: "e-mail address". */
    public String label() {
        return label;
    }

    /** True when a column of this kind can hold this data. */
    public boolean fits(ColumnKind kind) {
        return kinds.contains(kind);
    }

    /** The transformers that mask it, best first (JSON's first choice is built from the paths found). */
    public List<RuleProposal> transformers() {
        return transformers;
    }

    private static Set<ColumnKind> kinds(ColumnKind first, ColumnKind... rest) {
        return EnumSet.of(first, rest);
    }
}
