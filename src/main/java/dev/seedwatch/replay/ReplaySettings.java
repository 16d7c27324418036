package dev.seedwatch.replay;

import java.time.Duration;

import dev.seedwatch.support.RetryPolicy;

/**
 * How replays are sent: overall concurrency, the retry policy, timeouts, and the most bytes one answer may have.
 *
 * @param requestTimeout the whole exchange of one attempt, unless a target sets its own
 */
public record ReplaySettings(int concurrency, RetryPolicy retry, Duration requestTimeout, Duration connectTimeout,
        long maxResponseBytes) {
}
