package dev.doppel.core.error;

import java.util.regex.Pattern;

/** Removes credentials from URLs and messages before they are shown anywhere. */
public final class Redactor {
    private static final Pattern USER_INFO = Pattern.compile("(://)([^/@\\s:]+)(:[^/@\\s]*)?@");
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:password|passwd|pwd|secret|sslpassword)=)[^&;\\s]*");

    private Redactor() {}

    /** {@code postgresql://app:s3cret@db/x?password=y} becomes {@code postgresql://app:***@db/x?password=***}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String withoutUserInfo = USER_INFO.matcher(url).replaceAll(m ->
                m.group(1) + java.util.regex.Matcher.quoteReplacement(m.group(2)) + (m.group(3) == null ? "" : ":***") + "@");
        return PASSWORD_PARAM.matcher(withoutUserInfo).replaceAll("$1***");
    }

    /** Redacts URLs inside free text and every occurrence of the given secrets. */
    public static String message(String message, String... secrets) {
        if (message == null) {
            return null;
        }
        String result = url(message);
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3) {
                result = result.replace(secret, "***");
            }
        }
        return result;
    }
}
