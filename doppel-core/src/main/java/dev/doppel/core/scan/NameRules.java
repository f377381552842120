package dev.doppel.core.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a column's name (English, romaji or Japanese) for what it probably holds. Names are split
 * into words at underscores, hyphens, digits and camelCase humps; Japanese words are found inside
 * the name. A word that says the column describes the data rather than holding it
 * ({@code email_verified}, {@code phone_type}, {@code mail_count}) cancels the match.
 */
public final class NameRules {
    /** What the name says: the category, the word that said it, and for names the part (first, last). */
    public record NameHit(PiiCategory category, String word, String part) {}

    private static final Set<String> NEUTRAL = Set.of("type", "kind", "status", "flag", "count", "cnt", "enabled",
            "verified", "confirmed", "sent", "opt", "optin", "optout", "consent", "format", "template", "provider",
            "domain", "settings", "setting", "at", "on", "is", "has", "allowed", "required", "visible", "public",
            "changed", "updated", "created", "valid", "validated", "bounced", "length", "len", "policy", "file", "archive",
            "path", "url", "uri", "server", "host", "port", "queue");
    private static final Set<String> NOT_A_PERSON = Set.of("product", "item", "file", "table", "column", "host",
            "company", "shop", "store", "brand", "category", "city", "country", "street", "app", "device", "model",
            "role", "group", "team", "project", "plan", "tag", "event", "server", "bucket", "key", "field", "schema",
            "bank", "branch", "station", "building", "course", "menu", "tax", "campaign", "coupon", "service", "sku",
            "vendor", "supplier", "merchant", "organization", "org", "department", "dept", "prefecture", "region", "state",
            "job", "queue", "topic", "class", "method", "template", "color", "colour", "size", "unit", "image", "logo");
    private static final Set<String> PEOPLE_TABLES = Set.of("user", "users", "customer", "customers", "member", "members",
            "employee", "employees", "staff", "person", "persons", "people", "contact", "contacts", "account", "accounts",
            "patient", "patients", "student", "students", "client", "clients", "guest", "guests", "applicant",
            "applicants", "driver", "drivers", "owner", "owners", "author", "authors", "profile", "profiles",
            "kokyaku", "kaiin", "shain", "teacher", "teachers", "recipient", "recipients", "passenger", "passengers",
            "traveler", "travelers", "subscriber", "subscribers", "buyer", "buyers", "seller", "sellers", "tenant", "tenants");

    private NameRules() {}

    /** What a column of the given table is called for, by its name alone. */
    public static Optional<NameHit> classify(String table, String column) {
        Optional<NameHit> japanese = japanese(column);
        if (japanese.isPresent()) {
            return japanese;
        }
        List<String> words = words(column);
        if (words.isEmpty() || words.stream().anyMatch(NEUTRAL::contains) && !words.contains("birth")) {
            return Optional.empty();
        }
        String joined = String.join("", words);
        if (has(words, "ip", "ipv4", "ipv6", "ipaddr", "ipaddress") || joined.matches("(remote|client)addr(ess)?")) {
            return hit(PiiCategory.IP_ADDRESS, "ip");
        }
        if (words.stream().anyMatch(w -> w.equals("email") || w.equals("mail") || w.startsWith("email")
                || w.endsWith("email") || w.equals("emailaddress") || w.equals("mailaddress"))
                || joined.contains("email") || joined.equals("emailaddr") || joined.equals("mailaddr")) {
            return hit(PiiCategory.EMAIL, "email");
        }
        if (has(words, "mynumber", "kojinbango") || joined.contains("mynumber") || joined.contains("individualnumber")
                || joined.contains("kojinbango")) {
            return hit(PiiCategory.MY_NUMBER, "my number");
        }
        if (has(words, "pan", "ccnum", "ccnumber", "creditcard", "cardnumber", "cardno")
                || joined.matches(".*(credit)?card(number|num|no)$") || joined.matches("(credit)?card") && words.contains("credit")
                || joined.matches("cc(number|num|no)")) {
            return hit(PiiCategory.CARD_NUMBER, "card");
        }
        if (has(words, "phone", "tel", "telephone", "mobile", "cell", "cellphone", "fax", "denwa", "keitai", "telno",
                "phonenumber", "phoneno", "msisdn") || words.stream().anyMatch(w -> w.endsWith("phone") || w.startsWith("phone"))) {
            return hit(PiiCategory.PHONE, "phone");
        }
        if (has(words, "zip", "zipcode", "postal", "postcode", "postalcode", "yubin", "yuubin", "yubinbango")) {
            return hit(PiiCategory.POSTAL_CODE, "postal code");
        }
        if (has(words, "birth", "birthday", "birthdate", "dob", "born", "seinengappi", "seinengapi", "tanjobi",
                "tanjoubi") || joined.contains("dateofbirth") || joined.contains("birthday")) {
            return hit(PiiCategory.BIRTH_DATE, "birth");
        }
        if (has(words, "kana", "furigana", "yomi", "yomigana", "katakana", "hiragana")) {
            return hit(PiiCategory.NAME_KANA, "kana");
        }
        if (has(words, "password", "passwd", "pwd", "secret", "token", "apikey", "otp", "passcode", "pin")
                || joined.contains("password") || joined.contains("apikey") || joined.contains("accesstoken")) {
            return hit(PiiCategory.SECRET, "password");
        }
        if (has(words, "username", "login", "loginid", "nickname", "nick", "handle", "screenname", "displayname", "accountname")
                || joined.matches("(user|screen|display|account|nick)name") || joined.equals("lineid")
                || joined.matches("(twitter|instagram|facebook|line|x)(id|handle|account)")) {
            return hit(PiiCategory.USERNAME, "user name");
        }
        if (!has(words, "mac", "wallet", "contract", "memory", "bluetooth") && has(words, "address", "addr", "street", "jusho", "juusho", "jyusho", "address1", "address2", "addressline")
                || joined.matches("(home|street|postal|mailing|billing|shipping|delivery)?address(line)?[0-9]*")) {
            return hit(PiiCategory.ADDRESS, "address");
        }
        Optional<NameHit> name = personName(table, words, joined);
        if (name.isPresent()) {
            return name;
        }
        if (has(words, "note", "notes", "memo", "memos", "comment", "comments", "remark", "remarks", "bikou", "biko",
                "message", "inquiry", "feedback", "freetext")) {
            return hit(PiiCategory.FREE_TEXT, "note");
        }
        return Optional.empty();
    }

    private static Optional<NameHit> personName(String table, List<String> words, String joined) {
        if (words.stream().anyMatch(NOT_A_PERSON::contains)) {
            return Optional.empty();
        }
        if (has(words, "shimei", "namae", "seimei", "fullname") || joined.equals("fullname") || joined.equals("realname")
                || joined.equals("legalname")) {
            return Optional.of(new NameHit(PiiCategory.PERSON_NAME, "name", "full"));
        }
        if (has(words, "firstname", "givenname", "mei") || joined.matches("(first|given|fore)name")) {
            return Optional.of(new NameHit(PiiCategory.PERSON_NAME, "first name", "first"));
        }
        if (has(words, "lastname", "familyname", "surname", "sei", "myoji", "myouji") || joined.matches("(last|family|maiden)name")) {
            return Optional.of(new NameHit(PiiCategory.PERSON_NAME, "last name", "last"));
        }
        if (words.contains("name")) {
            boolean qualified = words.size() > 1 && words.stream().anyMatch(w -> Set.of("contact", "customer", "member",
                    "person", "recipient", "sender", "guest", "patient", "employee", "staff", "owner", "billing",
                    "shipping", "delivery", "emergency", "parent", "guardian", "holder", "cardholder", "middle").contains(w));
            if (qualified || words.size() == 1 && PEOPLE_TABLES.contains(tableWord(table))) {
                return Optional.of(new NameHit(PiiCategory.PERSON_NAME, "name", "full"));
            }
        }
        return Optional.empty();
    }

    private static Optional<NameHit> japanese(String column) {
        String c = column;
        if (c.contains("メール") || c.contains("メアド")) {
            return hit(PiiCategory.EMAIL, "メール");
        }
        if (c.contains("マイナンバー") || c.contains("個人番号")) {
            return hit(PiiCategory.MY_NUMBER, "個人番号");
        }
        if (c.contains("カード番号") || c.contains("クレジットカード")) {
            return hit(PiiCategory.CARD_NUMBER, "カード番号");
        }
        if (c.contains("電話") || c.contains("携帯") || c.contains("ＴＥＬ") || c.contains("FAX番号")) {
            return hit(PiiCategory.PHONE, "電話");
        }
        if (c.contains("郵便") || c.startsWith("〒")) {
            return hit(PiiCategory.POSTAL_CODE, "郵便番号");
        }
        if (c.contains("生年月日") || c.contains("誕生日")) {
            return hit(PiiCategory.BIRTH_DATE, "生年月日");
        }
        if (c.contains("カナ") || c.contains("かな") || c.contains("フリガナ") || c.contains("ふりがな") || c.contains("ヨミ")
                || c.equals("セイ") || c.equals("メイ")) {
            return hit(PiiCategory.NAME_KANA, "カナ");
        }
        if (c.contains("住所") || c.contains("番地") || c.contains("所在地")) {
            return hit(PiiCategory.ADDRESS, "住所");
        }
        if (c.contains("パスワード") || c.contains("暗証番号")) {
            return hit(PiiCategory.SECRET, "パスワード");
        }
        if (c.contains("ニックネーム") || c.contains("ユーザー名") || c.contains("ユーザ名")) {
            return hit(PiiCategory.USERNAME, "ユーザー名");
        }
        if (c.contains("氏名") || c.contains("名前") || c.contains("姓名") || c.equals("姓") || c.equals("名") || c.equals("氏")) {
            String part = c.equals("姓") || c.equals("氏") ? "last" : c.equals("名") ? "first" : "full";
            return Optional.of(new NameHit(PiiCategory.PERSON_NAME, "氏名", part));
        }
        if (c.contains("備考") || c.contains("メモ") || c.contains("コメント") || c.contains("問い合わせ") || c.contains("問合せ")) {
            return hit(PiiCategory.FREE_TEXT, "備考");
        }
        return Optional.empty();
    }

    /** The table's last word, singular or plural as written: {@code app.customer_accounts} → {@code accounts}. */
    private static String tableWord(String table) {
        List<String> words = words(table.substring(table.lastIndexOf('.') + 1));
        return words.isEmpty() ? "" : words.get(words.size() - 1);
    }

    /** Lower-case words: {@code homePhone2} → home, phone; {@code e_mail} → e, mail → email. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean hump = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1));
            if (!Character.isLetter(c) || hump || c > 0x2E7F) {
                flush(word, words);
            }
            if (Character.isLetter(c) && c <= 0x2E7F) {
                word.append(Character.toLowerCase(c));
            }
        }
        flush(word, words);
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals("e") && words.get(i + 1).equals("mail")) {
                words.set(i, "email");
                words.remove(i + 1);
            }
        }
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    private static boolean has(List<String> words, String... any) {
        for (String candidate : any) {
            if (words.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<NameHit> hit(PiiCategory category, String word) {
        return Optional.of(new NameHit(category, word, null));
    }
}
