package dev.doppel.core.scan;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.TableName;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Weighs what a column's name says against what its sampled values look like. Agreement gives
 * high confidence; values alone give confidence by the share that matched; a name alone gives
 * medium confidence, less when values plainly contradict it. Recall comes first: a column whose
 * name or values point at personal data is reported, and the evidence says how strongly.
 */
public final class ColumnClassifier {
    /** Fewer non-blank sampled values than this say nothing about a column. */
    static final int MIN_VALUES = 3;
    private static final PiiCategory[] EXACT = {PiiCategory.EMAIL, PiiCategory.PHONE, PiiCategory.CARD_NUMBER,
        PiiCategory.MY_NUMBER, PiiCategory.POSTAL_CODE, PiiCategory.IP_ADDRESS, PiiCategory.NAME_KANA};
    private static final double VALUE_RATIO = 0.6;

    private final int currentYear;

    public ColumnClassifier() {
        this(Year.now().getValue());
    }

    ColumnClassifier(int currentYear) {
        this.currentYear = currentYear;
    }

    /** @param stats the sampled values' counts, or null when nothing was sampled */
    public Classification classify(TableName table, Column column, ValueStats stats) {
        ColumnKind kind = column.kind();
        Optional<NameRules.NameHit> name = NameRules.classify(table.toString(), column.name())
                .filter(hit -> hit.category().fits(kind));
        int n = stats == null ? 0 : stats.values();
        List<String> evidence = new ArrayList<>();
        name.ifPresent(hit -> evidence.add("the column name suggests " + article(hit.category().label())));
        ValueFinding values = n >= MIN_VALUES ? values(stats, kind) : null;
        if (values != null) {
            evidence.add(values.evidence);
        } else if (n == 0) {
            evidence.add(stats == null ? "values not sampled" : "no values to sample");
        } else if (n < MIN_VALUES) {
            evidence.add("only " + n + " value" + (n == 1 ? "" : "s") + " sampled");
        } else {
            evidence.add("no known pattern in " + n + " sampled values");
        }
        String part = name.map(NameRules.NameHit::part).orElse(null);
        Map<String, PiiCategory> paths = values != null && values.category == PiiCategory.JSON ? stats.jsonPathCategories() : Map.of();
        if (name.isPresent()) {
            PiiCategory named = name.get().category();
            if (values != null && values.category == named) {
                return new Classification(named, 0.97, evidence, part, paths);
            }
            if (values != null && values.ratio >= 0.8 && values.category != PiiCategory.FREE_TEXT
                    && values.category != PiiCategory.JSON) {
                return new Classification(values.category, 0.85, evidence, null, paths);
            }
            double support = n >= MIN_VALUES ? support(named, stats) : -1;
            if (support >= 0.5) {
                evidence.add(percent(support) + " of sampled values are shaped like " + article(named.label()));
                return new Classification(named, 0.9, evidence, part, Map.of());
            }
            if (n < MIN_VALUES) {
                return new Classification(named, 0.75, evidence, part, Map.of());
            }
            if (reliable(named) && support < 0.2) {
                evidence.add("yet the values do not look like " + article(named.label()) + " (" + Math.round(support * n) + "/" + n + ")");
                return new Classification(named, 0.55, evidence, part, Map.of());
            }
            return new Classification(named, 0.7, evidence, part, Map.of());
        }
        if (values != null) {
            double confidence = switch (values.category) {
                case FREE_TEXT -> Math.min(0.9, 0.6 + values.ratio);
                case JSON -> Math.min(0.95, 0.6 + values.ratio);
                default -> 0.5 + 0.45 * values.ratio;
            };
            return new Classification(values.category, confidence, evidence, null, paths);
        }
        evidence.set(evidence.size() - 1, n >= MIN_VALUES ? "neither the name nor " + n + " sampled values show personal data"
                : "the name shows no personal data; " + evidence.get(evidence.size() - 1));
        return new Classification(null, n >= MIN_VALUES ? 0.9 : 0.6, evidence, null, Map.of());
    }

    private record ValueFinding(PiiCategory category, double ratio, String evidence) {}

    private ValueFinding values(ValueStats stats, ColumnKind kind) {
        int n = stats.values();
        PiiCategory best = null;
        int bestCount = 0;
        for (PiiCategory category : EXACT) {
            if (category.fits(kind) && stats.matches(category) > bestCount) {
                best = category;
                bestCount = stats.matches(category);
            }
        }
        if (best != null && bestCount >= VALUE_RATIO * n) {
            return new ValueFinding(best, (double) bestCount / n, count(bestCount, n) + " match the " + best.label() + " pattern");
        }
        if (PiiCategory.BIRTH_DATE.fits(kind) && plausibleBirthDates(stats)) {
            return new ValueFinding(PiiCategory.BIRTH_DATE, (double) stats.dates() / n, count(stats.dates(), n)
                    + " are dates from " + stats.minYear() + " to " + stats.maxYear() + ", spread like birth dates");
        }
        if (PiiCategory.JSON.fits(kind) && stats.jsonWithPersonalData() > 0 && stats.jsonDocuments() > 0) {
            double ratio = (double) stats.jsonWithPersonalData() / stats.jsonDocuments();
            StringBuilder text = new StringBuilder(count(stats.jsonWithPersonalData(), stats.jsonDocuments())
                    + " JSON documents hold personal data: ");
            List<String> found = new ArrayList<>();
            stats.jsonPathCategories().forEach((path, category) ->
                    found.add(path + " " + category.label() + " (" + stats.jsonPathCount(path) + ")"));
            text.append(String.join(", ", found));
            return new ValueFinding(PiiCategory.JSON, ratio, text.toString());
        }
        int embedded = stats.matches(PiiCategory.FREE_TEXT);
        if (kind == ColumnKind.TEXT && embedded > 0) {
            return new ValueFinding(PiiCategory.FREE_TEXT, (double) embedded / n, count(embedded, n)
                    + " contain an e-mail address, phone or card number inside text");
        }
        return null;
    }

    /**
     * Dates spread over decades and ending at least ten years ago: people's birth dates. Order,
     * sign-up and hire dates reach into recent years; dates of one period span only a few.
     */
    private boolean plausibleBirthDates(ValueStats stats) {
        return stats.dates() >= 0.9 * stats.values() && stats.minYear() >= 1900 && stats.maxYear() <= currentYear - 10
                && stats.maxYear() - stats.minYear() >= 15;
    }

    /** The share of values shaped like the category, by the weaker signs names need. */
    private static double support(PiiCategory category, ValueStats stats) {
        double n = stats.values();
        return switch (category) {
            case PERSON_NAME -> stats.personNameShaped() / n;
            case ADDRESS -> stats.addressShaped() / n;
            case POSTAL_CODE -> (stats.matches(PiiCategory.POSTAL_CODE) + stats.postalSevenDigits()) / n;
            case BIRTH_DATE -> stats.dates() / n;
            case EMAIL, PHONE, CARD_NUMBER, MY_NUMBER, IP_ADDRESS, NAME_KANA -> stats.matches(category) / n;
            default -> 0;
        };
    }

    /** Categories whose values the scanner recognises reliably, so that values unlike them weaken the name. */
    private static boolean reliable(PiiCategory category) {
        return switch (category) {
            case EMAIL, PHONE, CARD_NUMBER, MY_NUMBER, IP_ADDRESS, POSTAL_CODE, NAME_KANA, BIRTH_DATE -> true;
            default -> false;
        };
    }

    private static String count(int count, int n) {
        return count + "/" + n + " sampled values (" + percent((double) count / n) + ")";
    }

    static String article(String label) {
        return ("aeioAEIO".indexOf(label.charAt(0)) >= 0 || label.startsWith("IP") ? "an " : "a ") + label;
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
