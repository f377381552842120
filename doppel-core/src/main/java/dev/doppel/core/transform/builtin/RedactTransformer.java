package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.CheckDigits;
import dev.doppel.core.transform.support.Texts;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text with the personal data inside it masked: e-mail addresses, phone numbers, card
 * numbers, My Numbers and IP addresses are found by pattern and replaced by what the matching
 * transformer ({@code email}, {@code phone}, {@code credit_card}, {@code my_number}, {@code ip})
 * gives with its default parameters, so a number in a note masks like the same number in its
 * own column. Everything else is kept.
 */
public final class RedactTransformer implements Transformer {
    static final List<String> KINDS = List.of("email", "phone", "credit_card", "my_number", "ip");
    private static final String D = "[0-9０-９]";
    private static final String SEP = "[ \\-‐－]";
    private static final Pattern FINDER = Pattern.compile(
            "(?<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++)*+(?<=\\.[A-Za-z]{2,63}))"
                    + "|(?<ip6>(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\\d{1,3}\\.){3}\\d{1,3})?"
                    + "(?![0-9A-Za-z:]))"
                    + "|(?<ip4>(?<![0-9.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![0-9]|\\.[0-9]))"
                    + "|(?<digits>(?<![0-9０-９A-Za-z+＋])[+＋]?(?:\\(" + D + "{1,5}\\)" + SEP + "?)?" + D
                    + "(?:" + SEP + "?" + D + ")*)");
    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(?:$|\\D)");
    private static final int MIN_PHONE_DIGITS = 10;

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("redact",
                    "Free text with the personal data inside it masked and the rest kept: e-mail addresses, "
                            + "phone numbers (10 digits or more, with or without separators, ASCII or full-width), "
                            + "card numbers that pass Luhn, My Numbers with a valid check digit, and IPv4/IPv6 "
                            + "addresses are replaced by what email, phone, credit_card, my_number and ip give with "
                            + "their default parameters, so they mask alike in text and in their own columns. Other "
                            + "runs of 10 or more digits are masked like phone numbers. The result is cut to fit "
                            + "the column.")
            .parameter(new ParameterDescriptor("kinds", ParamType.LIST, false, "[email, phone, credit_card, my_number, ip]",
                    "Which kinds of data to find and mask.", List.of()))
            .columnKinds(ColumnKind.TEXT)
            .deterministic()
            .example("Call 090-1234-5678 or mail tanaka@example.jp; card 4111 1111 1111 1111.")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        List<String> asked = context.params().strings("kinds");
        Set<String> kinds = Set.copyOf(asked.isEmpty() ? KINDS : asked);
        for (String kind : kinds) {
            if (kind == null || !KINDS.contains(kind)) {
                throw new BindException("kinds may hold " + String.join(", ", KINDS) + "; not " + kind);
            }
        }
        Column text = new Column(context.column().name(), "text", ColumnKind.TEXT, true, -1, false, false);
        ValueTransform email = kinds.contains("email") ? context.bindOther("email", text) : null;
        ValueTransform phone = kinds.contains("phone") ? context.bindOther("phone", text) : null;
        ValueTransform card = kinds.contains("credit_card") ? context.bindOther("credit_card", text) : null;
        ValueTransform myNumber = kinds.contains("my_number") ? context.bindOther("my_number", text) : null;
        ValueTransform ip = kinds.contains("ip") ? context.bindOther("ip", text) : null;
        Matcher matcher = FINDER.matcher("");
        int max = context.maxLength();
        return (value, row) -> {
            matcher.reset(value);
            StringBuilder out = null;
            int copied = 0;
            while (matcher.find()) {
                String found = matcher.group();
                ValueTransform with;
                if (matcher.start("email") >= 0) {
                    with = email;
                } else if (matcher.start("ip6") >= 0) {
                    with = isIpv6(found) ? ip : null;
                } else if (matcher.start("ip4") >= 0) {
                    with = isIpv4(found) ? ip : null;
                } else {
                    with = digits(found, phone, card, myNumber);
                }
                if (with == null) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(value.length() + 16);
                }
                out.append(value, copied, matcher.start()).append(with.apply(found, row));
                copied = matcher.end();
            }
            if (out == null) {
                return value;
            }
            return Texts.truncate(out.append(value, copied, value.length()).toString(), max);
        };
    }

    private static ValueTransform digits(String found, ValueTransform phone, ValueTransform card,
                                         ValueTransform myNumber) {
        int count = 0;
        for (int i = 0; i < found.length(); i++) {
            if (CheckDigits.digit(found.charAt(i)) >= 0) {
                count++;
            }
        }
        if (count < MIN_PHONE_DIGITS || ISO_DATE.matcher(found).find()) {
            return null;
        }
        if (count >= 13 && count <= 19 && CheckDigits.isLuhnValid(found) && card != null) {
            return card;
        }
        if (count == 12 && CheckDigits.isMyNumberValid(found) && myNumber != null) {
            return myNumber;
        }
        return phone;
    }

    private static boolean isIpv4(String found) {
        for (String octet : found.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String found) {
        int colons = 0;
        for (int i = 0; i < found.length(); i++) {
            if (found.charAt(i) == ':') {
                colons++;
            }
        }
        if (colons < 3 && !found.contains("::")) {
            return false;
        }
        try {
            new IpTransformer.Address().parse(found);
            return found.length() > 2;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
