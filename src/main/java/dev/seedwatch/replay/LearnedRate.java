package dev.seedwatch.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * The rate a target takes, learned from its 429s where its headers say nothing usable (Gemini, a gateway sending
 * {@code -1}): additive increase, multiplicative decrease, as TCP learns a path's capacity. Pure: the time is always
 * passed in.
 *
 * <p>
 * Unpaced until the first 429. That 429 sets the rate to {@value #DECREASE} of the quota the provider names, else
 * of the answers of the last second (what the provider let through), and each later 429 to {@value #DECREASE} of the rate — once per slow-down: a 429 to a
 * request sent before the last slow-down is the same congestion answered late. Each answer then raises the rate by
 * {@value #PROBE} of the rate before the last slow-down, spread over a second's answers, so the rate climbs back
 * in about {@code (1 - DECREASE) / PROBE} seconds and finds out whether the limit has moved. A quota the provider
 * names ({@code QuotaFailure}) caps the rate. Requests are spaced evenly at the rate, so retries do not arrive
 * together.
 */
final class LearnedRate {

    static final double DECREASE = 0.8;
    static final double PROBE = 0.05;
    /** The slowest pace, requests per second, and the start when nothing was answered before the first 429. */
    static final double SLOWEST = 0.05;
    static final double FIRST_GUESS = 1;
    private static final Duration RECENT = Duration.ofSeconds(1);
    /** Bounds the answers remembered for the last second. */
    private static final int REMEMBERED = 100_000;

    /** Requests per second; 0 while unpaced. */
    private double rate;
    private double ceiling = Double.POSITIVE_INFINITY;
    private double beforeSlowDown;
    private Instant slowedAt = Instant.MIN;
    private Instant nextAt = Instant.MIN;
    private final Deque<Instant> recentAnswers = new ArrayDeque<>();

    double rate() {
        return rate;
    }

    Duration waitFor(Instant now) {
        return rate == 0 || !now.isBefore(nextAt) ? Duration.ZERO : Duration.between(now, nextAt);
    }

    void take(Instant now) {
        if (rate > 0) {
            Instant from = now.isAfter(nextAt) ? now : nextAt;
            nextAt = from.plusNanos((long) (1e9 / rate));
        }
    }

    void answered(Instant now) {
        recentAnswers.addLast(now);
        forgetBefore(now.minus(RECENT));
        if (rate > 0) {
            rate = Math.min(ceiling, rate + PROBE * beforeSlowDown / rate);
        }
    }

    /** A 429 to a request sent at {@code sentAt}, naming a quota or not. */
    void limited(Instant sentAt, OptionalDouble quotaPerSecond, Instant now) {
        quotaPerSecond.ifPresent(q -> ceiling = Math.max(SLOWEST, q));
        if (sentAt.isBefore(slowedAt)) {
            return;
        }
        forgetBefore(now.minus(RECENT));
        // a named quota is the better start: the answers of a run's first second are still on their way
        double let = ceiling < Double.POSITIVE_INFINITY ? ceiling
                : recentAnswers.isEmpty() ? FIRST_GUESS : recentAnswers.size() / (RECENT.toMillis() / 1000.0);
        double current = Math.min(ceiling, rate > 0 ? rate : let);
        beforeSlowDown = current;
        rate = Math.max(SLOWEST, current * DECREASE);
        slowedAt = now;
    }

    private void forgetBefore(Instant from) {
        while (!recentAnswers.isEmpty() && (recentAnswers.peekFirst().isBefore(from)
                || recentAnswers.size() > REMEMBERED)) {
            recentAnswers.removeFirst();
        }
    }
}
