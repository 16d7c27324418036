package dev.seedwatch.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * The rate a target takes, learned from its 429s where its headers say nothing usable (Gemini, a gateway sending
 * {@code -1}): slow start, then additive increase and multiplicative decrease, as TCP learns a path's capacity.
 * Pure: the time is always passed in.
 *
 * <p>
 * Unpaced until the first 429 (the requests in flight start slowly meanwhile: {@link RateModel}). That 429 sets the
 * rate to {@value #DECREASE} of the quota the provider names, else of the answers of the last second (what the
 * provider let through; at least {@value #FIRST_GUESS} a second). That count is only a first guess: the answers of
 * the requests in flight may still be on their way when the first 429 arrives (without the slow start in flight, a
 * run at concurrency 32 guessed 5 a second against a limit of 20 and used 0.27 of it). So, unless a quota was
 * named, the rate then doubles every second (each answer adds ln 2: answers come at the rate) until a 429 to a
 * request sent since, which ends the slow start. The rate goes to half (the rate a second before, which earned no
 * 429), but not below where the slow start began, and no higher than {@value #DECREASE} of the rate: a slow start
 * cut short because its first guess was right would otherwise need ten seconds of additive increase to win the
 * half back. From then on each 429 sets it to {@value #DECREASE} of the rate, and each answer raises it by
 * {@value #PROBE} of the rate before the last slow-down, spread over a second's answers, so the rate climbs back in
 * about {@code (1 - DECREASE) / PROBE} seconds and finds out whether the limit has moved. A slow-down happens once
 * per congestion: a 429 to a request sent before the last slow-down is the same congestion answered late. A quota
 * the provider names ({@code QuotaFailure}) caps the rate. Requests are spaced evenly at the rate, so retries do not
 * arrive together.
 */
final class LearnedRate {

    static final double DECREASE = 0.8;
    static final double PROBE = 0.05;
    /** Slow start: each answer adds ln 2 requests a second, doubling the rate every second. */
    static final double GROWTH = Math.log(2);
    static final double SLOW_START_EXIT = 0.5;
    /** The slowest pace, requests per second, and the start when nothing was answered before the first 429. */
    static final double SLOWEST = 0.05;
    static final double FIRST_GUESS = 1;
    private static final Duration RECENT = Duration.ofSeconds(1);
    /** Bounds the answers remembered for the last second. */
    private static final int REMEMBERED = 100_000;

    /** Requests per second; 0 while unpaced. */
    private double rate;
    private double ceiling = Double.POSITIVE_INFINITY;
    private boolean slowStart;
    /** The rate the slow start began at. */
    private double slowStartFrom;
    private double beforeSlowDown;
    /** How many requests had gone at the last slow-down: a 429 to one of them is that congestion answered late. */
    private long sentAtSlowDown;
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
            rate = Math.min(ceiling, rate + (slowStart ? GROWTH : PROBE * beforeSlowDown / rate));
        }
    }

    /**
     * A 429 to the {@code seq}-th request (from 0), naming a quota or not, when {@code sent} requests have gone. The
     * order requests went in tells which were sent before a slow-down; their send times would not, since another
     * request may go between an answer's arrival and its reading here.
     */
    void limited(long seq, long sent, OptionalDouble quotaPerSecond, Instant now) {
        quotaPerSecond.ifPresent(q -> ceiling = Math.max(SLOWEST, q));
        if (seq < sentAtSlowDown) {
            return;
        }
        forgetBefore(now.minus(RECENT));
        if (rate == 0) {
            // a named quota is the better start: the answers of a run's first second are still on their way
            double let = ceiling < Double.POSITIVE_INFINITY ? ceiling
                    : Math.max(FIRST_GUESS, recentAnswers.size() / (RECENT.toMillis() / 1000.0));
            beforeSlowDown = Math.min(ceiling, let);
            rate = Math.max(SLOWEST, beforeSlowDown * DECREASE);
            slowStart = ceiling == Double.POSITIVE_INFINITY;
            slowStartFrom = rate;
        } else {
            beforeSlowDown = rate;
            double exit = Math.max(rate * SLOW_START_EXIT, Math.min(slowStartFrom, rate * DECREASE));
            rate = Math.max(SLOWEST, slowStart ? exit : rate * DECREASE);
            slowStart = false;
        }
        sentAtSlowDown = sent;
        // what the provider let through is spent: the next request waits its turn rather than going at once
        Instant turn = now.plusNanos((long) (1e9 / rate));
        nextAt = turn.isAfter(nextAt) ? turn : nextAt;
    }

    private void forgetBefore(Instant from) {
        while (!recentAnswers.isEmpty() && (recentAnswers.peekFirst().isBefore(from)
                || recentAnswers.size() > REMEMBERED)) {
            recentAnswers.removeFirst();
        }
    }
}
