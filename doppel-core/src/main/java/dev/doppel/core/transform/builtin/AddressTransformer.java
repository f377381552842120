package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.KeyedHash;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.Dictionary;
import dev.doppel.core.transform.support.Texts;
import java.util.List;

/**
 * A postal address built the way the locale writes it. Japanese: prefecture, then a real
 * municipality of that prefecture, a town name and 丁目-番-号 (東京都新宿区若葉町2丁目15-3);
 * English (US): number, street, city, state and ZIP. Several columns of one row can hold parts of
 * one address: rule one with {@code address} and the others with {@code pair_with} it.
 */
public final class AddressTransformer implements Transformer {
    static final String NAME = "address";
    private static final List<String[]> JA_PLACES = Dictionary.rows("ja-places.tsv");
    private static final String[] JA_TOWNS = Dictionary.column("ja-towns.txt", 0);
    private static final List<String[]> JA_BUILDINGS = Dictionary.rows("ja-buildings.txt");
    private static final List<String[]> EN_CITIES = Dictionary.rows("en-cities.tsv");
    private static final String[] EN_STREETS = Dictionary.column("en-streets.txt", 0);
    private static final String[] EN_SUFFIXES = {"St", "Ave", "Rd", "Ln", "Dr", "Blvd", "Ct", "Way", "Pl"};

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder(NAME,
                    "A postal address built as the locale writes it, picked by a keyed hash of the input. ja: "
                            + "prefecture, a real municipality of that prefecture, a town name and block numbers "
                            + "(東京都新宿区若葉町2丁目15-3); en: a US street address with city, state and ZIP "
                            + "(1234 Maple St, Springfield, IL 62704). Parts of one address in several columns "
                            + "agree when those columns are paired. Cut to fit the column.")
            .parameter(ParameterDescriptor.choice("part", "full", "Which part to write: the whole address, the "
                    + "prefecture or state (region), the municipality or city, the street with its numbers, or "
                    + "a building and room.", "full", "region", "city", "street", "building"))
            .parameter(ParameterDescriptor.choice("locale", null,
                    "The address's country and language; defaults to masking.locale, en when that is unset.",
                    "en", "ja"))
            .parameter(ParameterDescriptor.optional("pair_with", ParamType.STRING, null,
                    "A column of the same table ruled by address: this column then writes its part of the "
                            + "address generated for that column in the same row."))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .example("東京都千代田区丸の内1丁目9-1")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        String part = context.params().string("part");
        String pairWith = context.params().string("pair_with");
        BindContext source = context;
        int pairIndex = -1;
        if (pairWith != null) {
            source = context.ruleOf(pairWith).orElseThrow(() -> new BindException("pair_with names " + pairWith
                    + ", which has no masking rule in this table; rule it with address"));
            if (!source.descriptor().name().equals(NAME)) {
                throw new BindException("pair_with names " + pairWith + ", which is ruled by '"
                        + source.descriptor().name() + "'; it must be ruled by address");
            }
            pairIndex = context.scope().rowIndex(pairWith);
        }
        String locale = source.effectiveLocale();
        if (!locale.equals("ja") && !locale.equals("en")) {
            throw new BindException("locale '" + locale + "' has no addresses; use en or ja");
        }
        boolean ja = locale.equals("ja");
        KeyedHash hash = source.keyedHash();
        int max = context.maxLength();
        int index = pairIndex;
        return (value, row) -> {
            String from = index < 0 ? value : row.source(index);
            byte[] d = hash.digest(from == null || from.isEmpty() ? value : from);
            long a = KeyedHash.longAt(d, 0);
            long b = KeyedHash.longAt(d, 8);
            long c = KeyedHash.longAt(d, 16);
            String out = ja ? japanese(part, a, b, c) : english(part, a, b, c);
            return Texts.truncate(out, max);
        };
    }

    private static String japanese(String part, long a, long b, long c) {
        String[] place = JA_PLACES.get(Texts.pick(a, JA_PLACES.size()));
        String town = JA_TOWNS[Texts.pick(b, JA_TOWNS.length)];
        int chome = 1 + Texts.pick(b >>> 32, 5);
        int ban = 1 + Texts.pick(c, 30);
        int go = 1 + Texts.pick(c >>> 24, 20);
        return switch (part) {
            case "region" -> place[0];
            case "city" -> place[1];
            case "street" -> town + chome + "丁目" + ban + "-" + go;
            case "building" -> {
                String[] building = JA_BUILDINGS.get(Texts.pick(c >>> 40, JA_BUILDINGS.size()));
                String[] kind = JA_BUILDINGS.get(Texts.pick(a >>> 40, JA_BUILDINGS.size()));
                yield building[0] + kind[1] + town + " " + (1 + Texts.pick(b >>> 48, 9)) + "0"
                        + (1 + Texts.pick(c >>> 52, 9)) + "号室";
            }
            default -> place[0] + place[1] + town + chome + "丁目" + ban + "-" + go;
        };
    }

    private static String english(String part, long a, long b, long c) {
        String[] city = EN_CITIES.get(Texts.pick(a, EN_CITIES.size()));
        String street = (100 + Texts.pick(c, 9800)) + " " + EN_STREETS[Texts.pick(b, EN_STREETS.length)] + " "
                + EN_SUFFIXES[Texts.pick(b >>> 40, EN_SUFFIXES.length)];
        return switch (part) {
            case "region" -> city[1];
            case "city" -> city[0];
            case "street" -> street;
            case "building" -> (Texts.pick(c >>> 40, 2) == 0 ? "Apt " : "Suite ") + (100 + Texts.pick(a >>> 24, 900));
            default -> street + ", " + city[0] + ", " + city[1] + " " + zip(a >>> 32);
        };
    }

    private static String zip(long bits) {
        int zip = 10000 + Texts.pick(bits, 89999);
        return Integer.toString(zip);
    }
}
