package dev.doppel.core.verify;

import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.scan.ValuePatterns;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.TableName;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scans a kept text column of the target for personal data. E-mail addresses and phone numbers
 * written with separators, whole or inside text, are strong signs: one is a leak. Card numbers,
 * My Numbers and IP addresses are weak (any 12-digit number passes a My Number check one time in
 * eleven): they fail the column when at least half its values, and five or more, show them.
 * Not thread-safe: scans fed by several threads are {@link #add added} together.
 */
final class KeptColumnScan {
    private static final int WEAK_MIN = 5;
    private static final Set<ColumnKind> SCANNED = Set.of(ColumnKind.TEXT, ColumnKind.JSON);
    private static final String EMAIL = "e-mail address";
    private static final String PHONE = "phone number";
    private static final String CARD = "card number or My Number";
    private static final String IP = "IP address";
    private static final List<String> PATTERNS = List.of(EMAIL, PHONE, CARD, IP);

    final ColumnPlan column;
    private long values;
    private long strong;
    private long weak;
    private final Map<String, Long> patterns = new HashMap<>();

    KeptColumnScan(ColumnPlan column) {
        this.column = column;
    }

    /** Whether a kept column of this kind is scanned at all: text and JSON are; numbers, dates and binary are not. */
    static boolean scans(ColumnKind kind) {
        return SCANNED.contains(kind);
    }

    /** Adds another scan of the same column, of other rows, to this one. */
    void add(KeptColumnScan other) {
        values += other.values;
        strong += other.strong;
        weak += other.weak;
        other.patterns.forEach((pattern, count) -> patterns.merge(pattern, count, Long::sum));
    }

    void accept(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        values++;
        String text = value.length() > 65_536 ? value.substring(0, 65_536) : value;
        int digits = 0;
        boolean at = false;
        boolean dot = false;
        boolean colon = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (c == '@') {
                at = true;
            } else if (c == '.') {
                dot = true;
            } else if (c == ':') {
                colon = true;
            }
        }
        // every pattern below needs its sign: '@' for an e-mail, six digits for a phone number, twelve
        // for a card or My Number, four and a dot (or a colon) for an IP address; most kept values have none
        if (at && (ValuePatterns.isEmail(text) || ValuePatterns.containsEmail(text))) {
            count(EMAIL);
            strong++;
        } else if (digits >= 6 && (ValuePatterns.isPhone(text) || ValuePatterns.containsPhone(text))) {
            count(PHONE);
            strong++;
        } else if (digits >= 12 && (ValuePatterns.isCardNumber(text) || ValuePatterns.isMyNumber(text)
                || ValuePatterns.containsCardOrMyNumber(text))) {
            count(CARD);
            weak++;
        } else if ((colon || dot && digits >= 4) && ValuePatterns.isIpAddress(text)) {
            count(IP);
            weak++;
        }
    }

    long values() {
        return values;
    }

    /** The patterns found, in the order they are looked for, whichever rows were scanned first. */
    ColumnVerdict verdict(TableName table, boolean allowed) {
        boolean leak = strong > 0 || weak >= WEAK_MIN && weak * 2 >= values;
        Map<String, Long> found = new LinkedHashMap<>();
        for (String pattern : PATTERNS) {
            if (patterns.containsKey(pattern)) {
                found.put(pattern, patterns.get(pattern));
            }
        }
        String detail = found.isEmpty() ? "no personal data in " + values + " kept values"
                : "kept values that look like personal data: " + found.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("")
                        + " (of " + values + ")" + (leak ? "; give the column a masking rule" : "");
        return new ColumnVerdict(table, column.column().name(), "keep", ColumnVerdict.Check.KEPT, values, 0, 0, found,
                leak, allowed, detail);
    }

    private void count(String pattern) {
        patterns.merge(pattern, 1L, Long::sum);
    }
}
