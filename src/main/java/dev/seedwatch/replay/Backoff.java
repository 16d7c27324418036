package dev.seedwatch.replay;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before retry {@code n} (1-based): what the provider asked for in {@code Retry-After} (capped), else
 * "full jitter" — uniform in [0, min(max, base·2^(n-1))] — so that many clients backing off at once spread out.
 */
final class Backoff {

    private final ReplaySettings settings;

    Backoff(ReplaySettings settings) {
        this.settings = settings;
    }

    Duration before(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : retryAfter;
        }
        long base = settings.baseDelay().toMillis();
        long ceiling = Math.min(settings.maxDelay().toMillis(), base << Math.min(retry - 1, 20));
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
