package dev.doppel.core.scan;

import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognisers for personal data in single values: each answers for one value, keeps nothing, and
 * never throws on odd input. Full-width digits and hyphens, common in Japanese data, are read as
 * their ASCII forms.
 */
public final class ValuePatterns {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern EMAIL_INSIDE = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern PHONE_CHARS = Pattern.compile("\\+?[0-9 ()\\-.]{9,20}");
    private static final Pattern PHONE_INSIDE = Pattern.compile(
            "(?<![0-9])(?:\\+[1-9][0-9]{0,2}[ -]?[0-9]{1,4}[ -][0-9]{2,4}[ -][0-9]{3,4}|0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4})(?![0-9])");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9][0-9 -]{11,22}[0-9](?![0-9])");
    private static final Pattern POSTAL_JP = Pattern.compile("〒?\\s*[0-9]{3}-[0-9]{4}");
    private static final Pattern CARD_CHARS = Pattern.compile("[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}");
    private static final Pattern MY_NUMBER_CHARS = Pattern.compile("[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(/[0-9]{1,2})?");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})([ T].*)?");
    private static final Pattern KANA = Pattern.compile("[\\p{InKatakana}\\p{InHiragana}\\uFF66-\\uFF9F ー・　]{2,40}");
    private static final Pattern LATIN_NAME = Pattern.compile("\\p{Lu}\\p{Ll}+(?:[ '-]\\p{Lu}\\p{Ll}+){1,2}");
    private static final Pattern JAPANESE_NAME = Pattern.compile("[\\p{IsHan}々\\p{InHiragana}\\p{InKatakana}]{1,5}[ 　][\\p{IsHan}々\\p{InHiragana}\\p{InKatakana}]{1,5}");
    private static final Pattern JAPANESE_ADDRESS = Pattern.compile("(東京都|北海道|京都府|大阪府|\\p{IsHan}{2,3}県).*|.*(\\p{IsHan}+[市区町村]).*[0-9０-９一二三四五六七八九十]+.*");
    private static final Pattern STREET_ADDRESS = Pattern.compile("[0-9]{1,6}[A-Za-z]? [A-Z][A-Za-z]+( [A-Za-z]+)*(,.*)?");

    private ValuePatterns() {}

    /** Full-width digits, hyphens, plus signs and spaces to ASCII; other characters unchanged. */
    public static String normalize(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char mapped = c >= '０' && c <= '９' ? (char) (c - '０' + '0')
                    : c == '－' || c == 'ー' && i > 0 && Character.isDigit(value.charAt(i - 1)) || c == '‐' || c == '−' ? '-'
                    : c == '＋' ? '+' : c == '　' ? ' ' : c;
            if (mapped != c && out == null) {
                out = new StringBuilder(value.substring(0, i));
            }
            if (out != null) {
                out.append(mapped);
            }
        }
        return out == null ? value : out.toString();
    }

    public static boolean isEmail(String value) {
        return value.length() <= 254 && value.indexOf('@') > 0 && EMAIL.matcher(value.trim()).matches();
    }

    /** Japanese mobile, landline and free-dial numbers, and international numbers with a country code. */
    public static boolean isPhone(String raw) {
        String value = normalize(raw.trim());
        if (!PHONE_CHARS.matcher(value).matches()) {
            return false;
        }
        String digits = value.replaceAll("[^0-9]", "");
        if (value.startsWith("+")) {
            if (digits.startsWith("81")) {
                return digits.length() == 11 || digits.length() == 12;
            }
            return digits.length() >= 8 && digits.length() <= 15 && digits.charAt(0) != '0';
        }
        if (digits.startsWith("0") && !digits.startsWith("00")) {
            if (digits.length() == 11) {
                return digits.matches("0[5789]0[0-9]{8}") || digits.startsWith("0120") || digits.startsWith("0800");
            }
            return digits.length() == 10 && (value.contains("-") || value.contains("(") || value.contains(" ")
                    || digits.startsWith("0120"));
        }
        return false;
    }

    /** A Japanese postal code written NNN-NNNN (optionally after 〒). */
    public static boolean isPostalCodeJp(String value) {
        return POSTAL_JP.matcher(normalize(value.trim())).matches();
    }

    /** 13 to 19 digits (spaces or hyphens between groups allowed) of a card brand's range that pass the Luhn check. */
    public static boolean isCardNumber(String raw) {
        String value = normalize(raw.trim());
        if (!CARD_CHARS.matcher(value).matches()) {
            return false;
        }
        String digits = value.replaceAll("[^0-9]", "");
        return digits.length() >= 13 && digits.length() <= 19 && digits.charAt(0) >= '2' && digits.charAt(0) <= '6'
                && luhn(digits);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** A Japanese individual number: 12 digits whose last is the check digit of the other 11. */
    public static boolean isMyNumber(String raw) {
        String value = normalize(raw.trim());
        if (!MY_NUMBER_CHARS.matcher(value).matches()) {
            return false;
        }
        String digits = value.replaceAll("[^0-9]", "");
        return digits.length() == 12 && digits.charAt(11) - '0' == myNumberCheckDigit(digits.substring(0, 11));
    }

    /** The check digit of the first 11 digits of a My Number (the formula of the 2014 ordinance, art. 5). */
    static int myNumberCheckDigit(String eleven) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = eleven.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int remainder = sum % 11;
        return remainder <= 1 ? 0 : 11 - remainder;
    }

    public static boolean isIpAddress(String raw) {
        String value = raw.trim();
        return IPV4.matcher(value).matches() || isIpv6(value);
    }

    static boolean isIpv6(String raw) {
        String value = raw;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            if (!value.substring(slash + 1).matches("[0-9]{1,3}")) {
                return false;
            }
            value = value.substring(0, slash);
        }
        if (value.indexOf(':') < 0 || value.length() > 45) {
            return false;
        }
        int doubleColon = value.indexOf("::");
        if (doubleColon >= 0 && value.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        int groups = 0;
        String[] parts = value.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            if (i == parts.length - 1 && part.contains(".")) {
                if (!IPV4.matcher(part).matches()) {
                    return false;
                }
                groups += 2;
            } else if (IPV6_GROUP.matcher(part).matches()) {
                groups++;
            } else {
                return false;
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }

    /**
     * The year of a date written year first ({@code 1985-04-12}, {@code 1985/4/12}, with or
     * without a time), or -1 when the value is not such a date.
     */
    public static int dateYear(String value) {
        Matcher m = DATE.matcher(value.trim());
        if (!m.matches()) {
            return -1;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))).getYear();
        } catch (DateTimeException | NumberFormatException e) {
            return -1;
        }
    }

    /** Only katakana or hiragana (full- or half-width), with spaces: how readings of names are written. */
    public static boolean isKana(String value) {
        String trimmed = value.trim();
        return !trimmed.isEmpty() && KANA.matcher(trimmed).matches() && !trimmed.chars().allMatch(c -> c == ' ' || c == '　');
    }

    /** Shaped like a person's name: "Hanako Yamada", "山田 花子". Weak on its own. */
    public static boolean looksLikePersonName(String value) {
        String trimmed = value.trim();
        return LATIN_NAME.matcher(trimmed).matches() || JAPANESE_NAME.matcher(trimmed).matches();
    }

    /** Shaped like a postal address: a Japanese prefecture or municipality with numbers, or a street address. */
    public static boolean looksLikeAddress(String value) {
        String trimmed = value.trim();
        return trimmed.length() >= 6 && (JAPANESE_ADDRESS.matcher(trimmed).matches() || STREET_ADDRESS.matcher(trimmed).matches());
    }

    /** True when free text contains an e-mail address, a phone number written with separators, or a card number. */
    public static boolean containsPersonalData(String value) {
        return containsEmail(value) || containsPhone(value) || containsCardOrMyNumber(value);
    }

    /** True when the text contains an e-mail address anywhere. */
    public static boolean containsEmail(String value) {
        return value.indexOf('@') >= 0 && EMAIL_INSIDE.matcher(value).find();
    }

    /** True when the text contains a phone number written with separators or a country code. */
    public static boolean containsPhone(String value) {
        return PHONE_INSIDE.matcher(normalize(value)).find();
    }

    /** True when the text contains a run of digits that is a valid card number or My Number. */
    public static boolean containsCardOrMyNumber(String value) {
        Matcher digits = DIGIT_RUN.matcher(normalize(value));
        while (digits.find()) {
            if (isCardNumber(digits.group()) || isMyNumber(digits.group())) {
                return true;
            }
        }
        return false;
    }
}
