package dev.seedwatch.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.DoubleSummaryStatistics;

/**
 * Whether a budget refills continuously, from what its answers say: a continuous bucket (OpenAI, Anthropic) refills
 * at {@code limit / time-to-fill} and names when it is full; a window names its end and gives nothing back before
 * it. A refill is believed only once four answers in a row imply the same rate
 * {@code (limit - remaining) / (reset - now)} (within 25 %) and name resets that move as that refill would move them
 * (a window's implied rate climbs as it runs out, and all its answers name its end), and never again after a 429
 * showed it was not there. Pure: the time is always passed in.
 */
final class RefillEvidence {

    /** Answers in a row that must imply the same refill rate before a continuous refill is believed. */
    private static final int AGREEING = 4;
    private static final double AGREEMENT = 1.25;
    /**
     * A refill must move the resets of those answers at least this far apart (seconds) to be told from a window's
     * one reset: when an answer is read jitters by tens of milliseconds.
     */
    static final double SPREAD_FLOOR_SECONDS = 0.1;

    /** The last answers that named a reset with something used: what each implies about a refill. */
    private final Deque<Sighting> sightings = new ArrayDeque<>();
    private double perSecond;
    private boolean refuted;

    /** One answer's view: when it was read, what it said was used ({@code limit - remaining}), the reset it named. */
    private record Sighting(Instant at, double used, Instant reset) {

        double impliedRate() {
            return used / seconds(at, reset);
        }

        /** When the budget would be full if it refilled at {@code rate}, in seconds after {@code origin}. */
        double fullAt(double rate, Instant origin) {
            return seconds(origin, at) + used / rate;
        }
    }

    /** The refill believed, requests (or tokens) a second; 0 when none is. */
    double perSecond() {
        return perSecond;
    }

    /** One answer: the budget's size, what it said was left, and the reset it named (null when none ahead). */
    void see(double limit, double remaining, Instant reset, Instant now) {
        if (limit > remaining && reset != null) {
            sightings.addLast(new Sighting(now, limit - remaining, reset));
            if (sightings.size() > AGREEING) {
                sightings.removeFirst();
            }
        }
        perSecond = !refuted && sightings.size() == AGREEING && ratesAgree() && resetsMove()
                ? sightings.peekLast().impliedRate()
                : 0;
    }

    /** A 429 to a request the believed refill let through: it was not there, and is never believed again. */
    void refuteIfBelieved() {
        if (perSecond > 0) {
            refuted = true;
            perSecond = 0;
            sightings.clear();
        }
    }

    /** The answers said nothing usable: what was seen no longer runs in a row. */
    void forget() {
        sightings.clear();
    }

    private boolean ratesAgree() {
        DoubleSummaryStatistics rates = sightings.stream().mapToDouble(Sighting::impliedRate).summaryStatistics();
        return rates.getMax() <= AGREEMENT * rates.getMin();
    }

    /**
     * Whether the answers' resets move as a continuous bucket's do: full {@code used / rate} after each answer, so
     * the named resets spread as those instants do. A window names the same reset (its end) in all of them; near
     * its end a burst's answers can imply agreeing rates ({@code 17/0.96 … 20/0.96} a second) while naming one
     * reset, and that is no refill. Answers whose instants would not spread tell nothing and are not believed.
     */
    private boolean resetsMove() {
        double rate = sightings.peekLast().impliedRate();
        Instant origin = sightings.peekFirst().at();
        DoubleSummaryStatistics expected = sightings.stream().mapToDouble(o -> o.fullAt(rate, origin))
                .summaryStatistics();
        double expectedSpread = expected.getMax() - expected.getMin();
        DoubleSummaryStatistics named = sightings.stream().mapToDouble(o -> seconds(origin, o.reset()))
                .summaryStatistics();
        return expectedSpread >= SPREAD_FLOOR_SECONDS && named.getMax() - named.getMin() >= expectedSpread / 2;
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
