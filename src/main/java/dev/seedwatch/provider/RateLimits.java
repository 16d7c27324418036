package dev.seedwatch.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one answer says about the target's rate limits, read by its {@link Provider} from the provider's own headers
 * (and, for a 429, its body). Everything here is validated: {@code -1}, an unreadable value, a negative one and a
 * contradictory pair (more remaining than the limit) are absent, never zero.
 *
 * @param requests the request budget
 * @param tokens the token budget
 * @param quotaPerSecond a request rate the provider names as the quota the request exceeded (Gemini's
 *        {@code QuotaFailure}), per second
 */
public record RateLimits(Bucket requests, Bucket tokens, OptionalDouble quotaPerSecond) {

    /** An answer that says nothing about the limits. */
    public static final RateLimits NONE = new RateLimits(Bucket.UNKNOWN, Bucket.UNKNOWN, OptionalDouble.empty());

    /** Digits only: {@code -1} and anything else a gateway invents is no number. */
    private static final String COUNT = "\\d{1,15}";

    /**
     * One budget.
     *
     * @param limit how much the bucket or window holds
     * @param remaining what is left of it as the provider saw this request
     * @param reset when it is full again (a continuous bucket) or the window ends
     */
    public record Bucket(OptionalLong limit, OptionalLong remaining, Optional<Instant> reset) {

        public static final Bucket UNKNOWN = new Bucket(OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

        /** A budget whose remaining is known: without it, a limit or reset alone tells nothing usable. */
        public boolean usable() {
            return remaining.isPresent();
        }

        /** From header texts; a remaining above the limit contradicts it, and the bucket is unknown. */
        static Bucket of(String limit, String remaining, Optional<Instant> reset) {
            OptionalLong left = count(remaining);
            OptionalLong size = count(limit);
            if (left.isEmpty() || size.isPresent() && size.getAsLong() < left.getAsLong()) {
                return UNKNOWN;
            }
            return new Bucket(size, left, reset);
        }
    }

    public boolean usable() {
        return requests.usable() || tokens.usable();
    }

    static OptionalLong count(String text) {
        if (text == null || !text.trim().matches(COUNT)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text.trim()));
    }

    /** {@code now + wait} for a wait a provider states, or absent when there is none. */
    static Optional<Instant> after(Instant now, Duration wait) {
        return wait == null || wait.isNegative() ? Optional.empty() : Optional.of(now.plus(wait));
    }
}
