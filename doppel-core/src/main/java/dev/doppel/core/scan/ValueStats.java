package dev.doppel.core.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of what the sampled values of one column look like. Each value is looked at once and let
 * go: only counters stay, never a value.
 */
public final class ValueStats {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_JSON = 1 << 16;
    private static final int MAX_PATHS = 50;

    private int values;
    private int empty;
    private final Map<PiiCategory, Integer> matches = new EnumMap<>(PiiCategory.class);
    private int postalSevenDigits;
    private int personNameShaped;
    private int addressShaped;
    private int dates;
    private int minYear = Integer.MAX_VALUE;
    private int maxYear = Integer.MIN_VALUE;
    private int jsonDocuments;
    private int jsonWithPersonalData;
    private final Map<String, Map<PiiCategory, Integer>> jsonPaths = new TreeMap<>();

    /** Looks at one non-NULL value. */
    public void accept(String value) {
        if (value.isBlank()) {
            empty++;
            return;
        }
        values++;
        String v = value.length() > 4096 ? value.substring(0, 4096) : value;
        PiiCategory exact = exact(v);
        if (exact != null) {
            count(matches, exact);
        } else if (ValuePatterns.containsPersonalData(v)) {
            count(matches, PiiCategory.FREE_TEXT);
        }
        String trimmed = v.trim();
        if (trimmed.matches("[0-9]{7}")) {
            postalSevenDigits++;
        }
        if (ValuePatterns.looksLikePersonName(trimmed)) {
            personNameShaped++;
        }
        if (ValuePatterns.looksLikeAddress(trimmed)) {
            addressShaped++;
        }
        int year = ValuePatterns.dateYear(trimmed);
        if (year > 0) {
            dates++;
            minYear = Math.min(minYear, year);
            maxYear = Math.max(maxYear, year);
        }
        if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && value.length() <= MAX_JSON) {
            json(value);
        }
    }

    /** The category a whole value belongs to, or null. */
    static PiiCategory exact(String value) {
        if (ValuePatterns.isEmail(value)) {
            return PiiCategory.EMAIL;
        }
        if (ValuePatterns.isCardNumber(value)) {
            return PiiCategory.CARD_NUMBER;
        }
        if (ValuePatterns.isMyNumber(value)) {
            return PiiCategory.MY_NUMBER;
        }
        if (ValuePatterns.isPhone(value)) {
            return PiiCategory.PHONE;
        }
        if (ValuePatterns.isPostalCodeJp(value)) {
            return PiiCategory.POSTAL_CODE;
        }
        if (ValuePatterns.isIpAddress(value)) {
            return PiiCategory.IP_ADDRESS;
        }
        if (ValuePatterns.isKana(value)) {
            return PiiCategory.NAME_KANA;
        }
        return null;
    }

    private void json(String text) {
        Deque<String> path = new ArrayDeque<>();
        boolean found = false;
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                return;
            }
            path.push("$");
            Deque<Boolean> inArray = new ArrayDeque<>();
            inArray.push(token == JsonToken.START_ARRAY);
            if (token == JsonToken.START_ARRAY) {
                path.push(path.pop() + "[*]");
            }
            String field = null;
            for (token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> field = parser.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        String here = inArray.peek() ? path.peek() : child(path.peek(), field);
                        path.push(token == JsonToken.START_ARRAY ? here + "[*]" : here);
                        inArray.push(token == JsonToken.START_ARRAY);
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pop();
                        inArray.pop();
                    }
                    case VALUE_STRING, VALUE_NUMBER_INT -> {
                        String at = inArray.peek() ? path.peek() : child(path.peek(), field);
                        PiiCategory category = exact(parser.getText());
                        if (category == null && field != null && !inArray.peek()) {
                            category = NameRules.classify("json", field).map(NameRules.NameHit::category)
                                    .filter(c -> c != PiiCategory.FREE_TEXT).orElse(null);
                        }
                        if (category != null && (jsonPaths.containsKey(at) || jsonPaths.size() < MAX_PATHS)) {
                            count(jsonPaths.computeIfAbsent(at, k -> new EnumMap<>(PiiCategory.class)), category);
                            found = true;
                        }
                    }
                    default -> {
                        // numbers, booleans and nulls say nothing
                    }
                }
            }
            jsonDocuments++;
            if (found) {
                jsonWithPersonalData++;
            }
        } catch (IOException | RuntimeException e) {
            // not JSON after all
        }
    }

    private static String child(String parent, String field) {
        if (field == null) {
            return parent;
        }
        return field.matches("[A-Za-z_][A-Za-z0-9_]*") ? parent + "." + field : parent + "['" + field.replace("'", "\\'") + "']";
    }

    private static void count(Map<PiiCategory, Integer> counts, PiiCategory category) {
        counts.merge(category, 1, Integer::sum);
    }

    /** Non-blank values seen. */
    public int values() {
        return values;
    }

    public int empty() {
        return empty;
    }

    public int matches(PiiCategory category) {
        return matches.getOrDefault(category, 0);
    }

    public int postalSevenDigits() {
        return postalSevenDigits;
    }

    public int personNameShaped() {
        return personNameShaped;
    }

    public int addressShaped() {
        return addressShaped;
    }

    public int dates() {
        return dates;
    }

    public int minYear() {
        return minYear;
    }

    public int maxYear() {
        return maxYear;
    }

    public int jsonDocuments() {
        return jsonDocuments;
    }

    public int jsonWithPersonalData() {
        return jsonWithPersonalData;
    }

    /** For each JSON path that held personal data, the category seen most there. */
    public Map<String, PiiCategory> jsonPathCategories() {
        Map<String, PiiCategory> result = new LinkedHashMap<>();
        jsonPaths.forEach((path, counts) -> result.put(path, counts.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
        return result;
    }

    /** How many documents held personal data at {@code path}. */
    public int jsonPathCount(String path) {
        return jsonPaths.getOrDefault(path, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }
}
