package dev.seedwatch.provider;

import java.util.Locale;

/** Why a replay produced no completion text; the label of {@code seedwatch_replay_failures{reason}}. */
public enum FailureReason {
    RATE_LIMITED(true, false),
    SERVER_ERROR(true, false),
    TIMEOUT(true, false),
    CONNECTION(true, false),
    BAD_RESPONSE(true, false),
    CONTENT_FILTER(false, false),
    AUTH(false, true),
    NOT_FOUND(false, true),
    SEED_UNSUPPORTED(false, true),
    CLIENT_ERROR(false, false),
    CANCELLED(false, false);

    private final boolean retryable;
    private final boolean fatalForTarget;

    FailureReason(boolean retryable, boolean fatalForTarget) {
        this.retryable = retryable;
        this.fatalForTarget = fatalForTarget;
    }

    /** Transient: another attempt of the same request may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** Every other request to the same target would fail the same way, so they are not sent. */
    public boolean fatalForTarget() {
        return fatalForTarget;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
