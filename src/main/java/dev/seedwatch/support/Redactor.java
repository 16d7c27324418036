package dev.seedwatch.support;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that came from a provider or an exception before it is logged or stored: the
 * secret values seedwatch itself sends, {@code sk-…}-style keys (OpenAI's 401 echoes a masked one), bearer tokens
 * and {@code user:password@} in URLs. A message is also capped at {@value #MAX_LENGTH} characters and its control
 * characters escaped ({@link ControlChars}), as it is printed on the console.
 */
public final class Redactor {

    private static final Pattern SK_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_*\\-]{4,}");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/*\\-]+=*");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)([a-z][a-z0-9+.\\-]*://)[^/@\\s]+@");
    /** Characters of an error message kept (see docs/hostile.md). */
    public static final int MAX_LENGTH = 2000;

    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).distinct().toList();
    }

    public static final Redactor PATTERNS_ONLY = new Redactor(List.of());

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = ControlChars.escape(secrets(text));
        out = SK_KEY.matcher(out).replaceAll("sk-[REDACTED]");
        out = BEARER.matcher(out).replaceAll("$1[REDACTED]");
        out = URL_CREDENTIALS.matcher(out).replaceAll("$1[REDACTED]@");
        return cap(out, MAX_LENGTH);
    }

    /** {@code text} cut to {@code max} characters (never inside a surrogate pair), marked with "…" where cut. */
    public static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }

    /**
     * Only the run's own secret values, by exact match: for reply texts and other provider values, which the
     * patterns would change where they merely look like a key ("bearer of bad news").
     */
    public String secrets(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "[REDACTED]");
        }
        return out;
    }
}
