package dev.seedwatch.replay;

import java.time.Duration;

/** One attempt that failed, already classified; its message is redacted. No stack trace: it is an expected outcome. */
public final class AttemptFailure extends RuntimeException {

    private final FailureReason reason;
    private final Integer httpStatus;
    private final Duration retryAfter;

    public AttemptFailure(FailureReason reason, Integer httpStatus, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public FailureReason reason() {
        return reason;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    /** What the provider asked us to wait ({@code Retry-After}), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
