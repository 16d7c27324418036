package dev.seedwatch.support;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that came from a provider or an exception before it is logged or stored: the
 * secret values seedwatch itself sends, {@code sk-…}-style keys (OpenAI's 401 echoes a masked one), bearer tokens
 * and {@code user:password@} in URLs.
 */
public final class Redactor {

    private static final Pattern SK_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_*\\-]{4,}");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/*\\-]+=*");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)([a-z][a-z0-9+.\\-]*://)[^/@\\s]+@");
    private static final int MAX_LENGTH = 2000;

    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).distinct().toList();
    }

    public static final Redactor PATTERNS_ONLY = new Redactor(List.of());

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "[REDACTED]");
        }
        out = SK_KEY.matcher(out).replaceAll("sk-[REDACTED]");
        out = BEARER.matcher(out).replaceAll("$1[REDACTED]");
        out = URL_CREDENTIALS.matcher(out).replaceAll("$1[REDACTED]@");
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "…" : out;
    }
}
