package dev.doppel.core.transform.builtin;

import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.support.Dictionary;

/** The names of one locale: surnames and given names, with katakana readings for Japanese. */
final class NameBook {
    static final NameBook JA = new NameBook(true, Dictionary.column("ja-surnames.tsv", 0),
            Dictionary.column("ja-surnames.tsv", 1), Dictionary.column("ja-given.tsv", 0),
            Dictionary.column("ja-given.tsv", 1));
    static final NameBook EN = new NameBook(false, Dictionary.column("en-last.txt", 0), null,
            Dictionary.column("en-first.txt", 0), null);

    final boolean familyNameFirst;
    final String[] last;
    final String[] lastReading;
    final String[] first;
    final String[] firstReading;

    private NameBook(boolean familyNameFirst, String[] last, String[] lastReading, String[] first,
                     String[] firstReading) {
        this.familyNameFirst = familyNameFirst;
        this.last = last;
        this.lastReading = lastReading;
        this.first = first;
        this.firstReading = firstReading;
    }

    static NameBook of(String locale) {
        return switch (locale) {
            case "ja" -> JA;
            case "en" -> EN;
            default -> throw new BindException("locale '" + locale + "' has no names; use en or ja");
        };
    }
}
