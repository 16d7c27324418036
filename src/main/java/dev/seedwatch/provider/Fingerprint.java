package dev.seedwatch.provider;

/**
 * The {@code system_fingerprint} of a reply. Providers send a value, an explicit null (older OpenAI models) or no
 * key at all (vLLM, some proxies); the report keeps the three apart, metrics label the last two {@code none}.
 */
public record Fingerprint(Presence presence, String value) {

    public enum Presence {
        PRESENT,
        NULL,
        MISSING
    }

    public static final String NONE = "none";
    public static final Fingerprint NULL = new Fingerprint(Presence.NULL, null);
    public static final Fingerprint MISSING = new Fingerprint(Presence.MISSING, null);

    public static Fingerprint of(String value) {
        return new Fingerprint(Presence.PRESENT, value);
    }

    /** The metric label: the value, or {@code none} when null or missing. */
    public String label() {
        return presence == Presence.PRESENT && value != null && !value.isEmpty() ? value : NONE;
    }
}
