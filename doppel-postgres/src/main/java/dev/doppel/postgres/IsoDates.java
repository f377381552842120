package dev.doppel.postgres;

import dev.doppel.core.text.RowFormat.TextNeeded;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL dates as days since 2000-01-01 and as ISO text ({@code 2024-02-29}, {@code 0044-03-15
 * BC}), converted with the proleptic Gregorian day arithmetic PostgreSQL itself uses (H. Hinnant's
 * civil-from-days). Written out by hand because it runs for every masked date: String.format and a
 * regular expression cost more than the rest of the date's copy together.
 */
final class IsoDates {
    /** Days from 0000-03-01 to 2000-01-01. */
    private static final long SHIFT = 730425;
    private static final byte[] BC = " BC".getBytes(StandardCharsets.US_ASCII);

    private IsoDates() {}

    /** The ISO text of a finite date; the year has at least four digits, and " BC" for year 0 and before. */
    static String format(int days) {
        long z = days + SHIFT;
        long era = Math.floorDiv(z, 146097);
        long dayOfEra = z - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        boolean bc = year <= 0;
        long shown = bc ? 1 - year : year;
        byte[] text = new byte[20 + BC.length];
        int at = 0;
        String digits = Long.toString(shown);
        for (int pad = digits.length(); pad < 4; pad++) {
            text[at++] = '0';
        }
        for (int i = 0; i < digits.length(); i++) {
            text[at++] = (byte) digits.charAt(i);
        }
        text[at++] = '-';
        text[at++] = (byte) ('0' + month / 10);
        text[at++] = (byte) ('0' + month % 10);
        text[at++] = '-';
        text[at++] = (byte) ('0' + day / 10);
        text[at++] = (byte) ('0' + day % 10);
        if (bc) {
            System.arraycopy(BC, 0, text, at, BC.length);
            at += BC.length;
        }
        return new String(text, 0, at, StandardCharsets.US_ASCII);
    }

    /**
     * The days since 2000-01-01 of a date in exactly the form {@link #format} writes.
     *
     * @throws TextNeeded for any other form, or a day the calendar does not have
     */
    static int parse(String value) {
        int length = value.length();
        int dash = 0;
        while (dash < length && isDigit(value.charAt(dash))) {
            dash++;
        }
        boolean bc = length == dash + 9 && value.endsWith(" BC");
        if (dash < 4 || dash > 7 || length != dash + (bc ? 9 : 6) || value.charAt(dash) != '-' || value.charAt(dash + 3) != '-'
                || !isDigit(value.charAt(dash + 1)) || !isDigit(value.charAt(dash + 2)) || !isDigit(value.charAt(dash + 4))
                || !isDigit(value.charAt(dash + 5))) {
            throw new TextNeeded("a date not in ISO form");
        }
        long year = Long.parseLong(value, 0, dash, 10);
        int month = (value.charAt(dash + 1) - '0') * 10 + value.charAt(dash + 2) - '0';
        int day = (value.charAt(dash + 4) - '0') * 10 + value.charAt(dash + 5) - '0';
        if (bc) {
            year = 1 - year;
        }
        if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
            throw new TextNeeded("a date that is not a day of the calendar");
        }
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return Math.toIntExact(era * 146097 + dayOfEra - SHIFT);
    }

    private static int monthLength(long year, int month) {
        if (month == 2) {
            boolean leap = Math.floorMod(year, 4) == 0 && (Math.floorMod(year, 100) != 0 || Math.floorMod(year, 400) == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
