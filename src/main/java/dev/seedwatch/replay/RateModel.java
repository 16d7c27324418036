package dev.seedwatch.replay;

import java.time.Duration;
import java.time.Instant;

import dev.seedwatch.provider.RateLimits;

/**
 * When a target's next request may go, from what its answers say: the budgets its headers describe
 * ({@link HeaderBudget}), the rate its 429s taught where the headers say nothing usable ({@link LearnedRate}), and
 * a hold on the whole target for as long as a 429's {@code Retry-After}, {@code retry-after-ms} or
 * {@code RetryInfo.retryDelay} asks. Pure: the time is always passed in; no wait, reset or hold is longer than
 * {@code longestWait} (a skewed clock or a daily quota does not stop a run for hours).
 *
 * <p>
 * Until an answer describes a budget or a 429 teaches a rate, the requests in flight start slowly, as TCP's
 * congestion window does: one goes alone until it is answered, and each answer lets {@value #SLOW_START_GROWTH}
 * more go, so the number in flight doubles every round trip. A provider that says nothing of its limit (Gemini, a
 * gateway sending {@code -1}) would otherwise get the whole concurrency at once, and everything beyond its burst
 * would come back 429 (12 of 32 against a bucket of 20) before any answer could say so. A target without a limit
 * (a local server) reaches a concurrency of 32 within six round trips; a load probe's burst still goes out
 * whole, since each of its isolated replays added one before it.
 */
final class RateModel {

    /** A request let through: the order it went in, and the tokens it is taken to need. */
    record Ticket(long seq, double tokens) {
    }

    /** Either the request may go now, with its ticket, or the caller asks again after a wait. */
    sealed interface Next permits Go, Wait {
    }

    record Go(Ticket ticket) implements Next {
    }

    record Wait(Duration duration) implements Next {
    }

    static final double SLOW_START_GROWTH = 1;

    private final Duration longestWait;
    private final HeaderBudget requests = new HeaderBudget();
    private final HeaderBudget tokens = new HeaderBudget();
    private final LearnedRate learned = new LearnedRate();
    private Instant holdUntil = Instant.MIN;
    private long sent;
    /** Requests answered, refused or ended without an answer. */
    private long ended;
    /** How many may be in flight during the slow start; unbounded once it ended. */
    private double slowStart = 1;
    /** Tokens the last answered request used: what the next one is taken to need. */
    private double tokensPerRequest;

    RateModel(Duration longestWait) {
        this.longestWait = longestWait;
    }

    synchronized Next next(Instant now) {
        if (now.isBefore(holdUntil)) {
            return new Wait(Duration.between(now, holdUntil));
        }
        if (sent - ended >= slowStart) {
            return new Wait(HeaderBudget.ASK_AGAIN);
        }
        Duration wait = longest(requests.waitFor(1, now), tokens.waitFor(tokensPerRequest, now),
                learned.waitFor(now));
        if (!wait.isZero()) {
            return new Wait(wait.compareTo(longestWait) > 0 ? longestWait : wait);
        }
        requests.take(1);
        tokens.take(tokensPerRequest);
        learned.take(now);
        return new Go(new Ticket(sent++, tokensPerRequest));
    }

    /** An answer other than a 429 to {@code ticket}'s request. */
    synchronized void answered(Ticket ticket, RateLimits limits, Instant now) {
        update(ticket, limits, now);
        learned.answered(now);
        // headers describing a budget pace the target from now on
        slowStart = limits.usable() ? Double.POSITIVE_INFINITY : slowStart + SLOW_START_GROWTH;
    }

    /**
     * A 429 to {@code ticket}'s request. Where the headers describe a budget, the one closest to empty was wrong
     * about what was left; where they describe none, the learned rate slows down.
     *
     * @param retryAfter the wait the provider asked for, or null
     */
    synchronized void limited(Ticket ticket, RateLimits limits, Duration retryAfter, Instant now) {
        update(ticket, limits, now);
        slowStart = Double.POSITIVE_INFINITY;
        if (retryAfter != null) {
            Instant until = now.plus(retryAfter.compareTo(longestWait) > 0 ? longestWait : retryAfter);
            holdUntil = until.isAfter(holdUntil) ? until : holdUntil;
        }
        if (!limits.usable()) {
            learned.limited(ticket.seq(), sent, limits.quotaPerSecond(), now);
        } else if (limits.requests().usable() && (!limits.tokens().usable()
                || requests.headroom(1) <= tokens.headroom(ticket.tokens()))) {
            requests.rejected(limits.requests());
        } else {
            tokens.rejected(limits.tokens());
        }
    }

    /** {@code ticket}'s request ended without an answer: it no longer holds a share. */
    synchronized void released(Ticket ticket) {
        ended++;
        // it tells nothing of a limit, but waiting for an answer that does not come would keep the target at one
        slowStart += SLOW_START_GROWTH;
        requests.release(1);
        tokens.release(ticket.tokens());
    }

    synchronized void used(long tokenCount) {
        tokensPerRequest = Math.max(0, tokenCount);
    }

    private void update(Ticket ticket, RateLimits limits, Instant now) {
        ended++;
        Instant latest = now.plus(longestWait);
        requests.update(limits.requests(), ticket.seq(), 1, now, latest);
        tokens.update(limits.tokens(), ticket.seq(), ticket.tokens(), now, latest);
    }

    private static Duration longest(Duration a, Duration b, Duration c) {
        Duration ab = a.compareTo(b) >= 0 ? a : b;
        return ab.compareTo(c) >= 0 ? ab : c;
    }
}
