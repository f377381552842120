package dev.doppel.core.scan;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the scanner concluded about one column.
 *
 * @param category the personal data found, or null when none
 * @param confidence 0 to 1: how sure the scanner is of the category, or that there is none
 * @param evidence why, as words and counts; never a value
 * @param namePart for person names, the part the name says: full, first or last; otherwise null
 * @param jsonPaths for JSON, the paths that held personal data and what they held
 */
public record Classification(PiiCategory category, double confidence, List<String> evidence, String namePart,
                             Map<String, PiiCategory> jsonPaths) {
    public Classification {
        evidence = List.copyOf(evidence);
        jsonPaths = Map.copyOf(jsonPaths);
    }

    public boolean personal() {
        return category != null;
    }

    /** {@code 0.95 high}, {@code 0.70 medium}, {@code 0.50 low}. */
    public String confidenceText() {
        String level = confidence >= 0.85 ? "high" : confidence >= 0.6 ? "medium" : "low";
        return String.format(Locale.ROOT, "%.2f %s", confidence, level);
    }

    public String summary() {
        return (category == null ? "no personal data found" : category.label()) + ", " + confidenceText() + ": "
                + String.join("; ", evidence);
    }
}
