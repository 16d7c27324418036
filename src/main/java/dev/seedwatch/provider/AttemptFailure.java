package dev.seedwatch.provider;

import java.time.Duration;

/** One attempt that failed, already classified; its message is redacted. No stack trace: it is an expected outcome. */
public final class AttemptFailure extends RuntimeException {

    private final FailureReason reason;
    private final Integer httpStatus;
    private final Duration retryAfter;
    private final boolean retryable;

    public AttemptFailure(FailureReason reason, Integer httpStatus, Duration retryAfter, String message) {
        this(reason, httpStatus, retryAfter, message, reason.retryable());
    }

    private AttemptFailure(FailureReason reason, Integer httpStatus, Duration retryAfter, String message,
            boolean retryable) {
        super(message, null, false, false);
        this.reason = reason;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    /** An answer that holds no usable completion. */
    public static AttemptFailure badResponse(String message) {
        return new AttemptFailure(FailureReason.BAD_RESPONSE, null, null, message);
    }

    /** A failure that another attempt would only repeat, whatever its reason says in general. */
    public static AttemptFailure notRetried(FailureReason reason, Integer httpStatus, String message) {
        return new AttemptFailure(reason, httpStatus, null, message, false);
    }

    /** This failure with the HTTP status of the answer it was read from, where it had none. */
    public AttemptFailure withStatus(int status) {
        return httpStatus != null ? this : new AttemptFailure(reason, status, retryAfter, getMessage(), retryable);
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

    /** Whether another attempt of the same request may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
