package dev.doppel.core.transform.support;

import java.text.Normalizer;

/** Writes katakana readings as hiragana or half-width katakana (ｻﾄｳ ﾀﾛｳ, as banks and legacy systems store them). */
public final class Kana {
    private static final char[] HALF = new char[0x100];

    static {
        for (char h = '\uFF66'; h <= '\uFF9D'; h++) {
            String full = Normalizer.normalize(String.valueOf(h), Normalizer.Form.NFKC);
            HALF[full.charAt(0) - 0x30A0] = h;
        }
    }

    private Kana() {}

    /** {@code katakana} in the script named: {@code katakana}, {@code hiragana} or {@code halfwidth}. */
    public static String convert(String katakana, String script) {
        return switch (script) {
            case "hiragana" -> hiragana(katakana);
            case "halfwidth" -> halfwidth(katakana);
            default -> katakana;
        };
    }

    static String hiragana(String katakana) {
        StringBuilder out = new StringBuilder(katakana.length());
        for (int i = 0; i < katakana.length(); i++) {
            char c = katakana.charAt(i);
            out.append(c >= 'ァ' && c <= 'ヶ' ? (char) (c - 0x60) : c);
        }
        return out.toString();
    }

    static String halfwidth(String katakana) {
        String decomposed = Normalizer.normalize(katakana, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c == '\u3099') {
                out.append('\uFF9E');
            } else if (c == '\u309A') {
                out.append('\uFF9F');
            } else if (c == '\u3000') {
                out.append(' ');
            } else if (c >= 0x30A0 && c < 0x31A0 && HALF[c - 0x30A0] != 0) {
                out.append(HALF[c - 0x30A0]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
