package dev.seedwatch.replay;

import java.time.Duration;

/**
 * How replays are sent: overall concurrency, and the retry policy (exponential backoff with full jitter, honouring
 * {@code Retry-After} up to {@code maxRetryAfter}).
 */
public record ReplaySettings(int concurrency, int maxAttempts, Duration baseDelay, Duration maxDelay,
        Duration maxRetryAfter, Duration requestTimeout, Duration connectTimeout) {

    public static ReplaySettings defaults(int concurrency) {
        return new ReplaySettings(concurrency, 5, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(10));
    }
}
