package dev.seedwatch.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * seedwatch's one retry policy, for providers and the Pushgateway alike: at most {@code maxAttempts} attempts (the
 * first included); before retry {@code n} (1-based) wait what the peer asked for in {@code Retry-After} (capped at
 * {@code maxRetryAfter}), else "full jitter" — uniform in [0, min(maxDelay, baseDelay·2^(n-1))] — so that many
 * clients backing off at once spread out.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public Duration before(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        long base = baseDelay.toMillis();
        long ceiling = Math.min(maxDelay.toMillis(), base << Math.min(retry - 1, 20));
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** The same waits with another number of attempts. */
    public RetryPolicy withAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, maxRetryAfter);
    }
}
