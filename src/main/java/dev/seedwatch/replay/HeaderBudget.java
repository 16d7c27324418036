package dev.seedwatch.replay;

import java.time.Duration;
import java.time.Instant;

import dev.seedwatch.provider.RateLimits;

/**
 * One of a target's budgets (requests or tokens) as its answers' headers describe it: what is left, and when more
 * comes. Pure: the time is always passed in.
 *
 * <p>
 * Two kinds of limiter send the same headers. A <em>window</em> (Azure's 10 s and 60 s, a gateway's 1 s) gives its
 * whole limit back at once when it ends and nothing before; a <em>continuous bucket</em> (OpenAI, Anthropic) refills
 * at {@code limit / time-to-fill} and its reset is when it is full. Both are full at the reset, so that is what the
 * budget assumes; it counts on a refill before the reset only where the answers show one ({@link RefillEvidence}). A
 * budget that names no reset (Azure) waits for the answers in flight to say what is left, and with none in flight
 * sends one request to ask; until its first 429, its last tenth goes one request at a time.
 *
 * <p>
 * An answer describes the budget as the provider saw its request; requests sent and not yet answered may or may not
 * have arrived, so they are taken off what it leaves. Answers return out of order: only the answer to the most
 * recently sent request answered so far may raise the level, and not when the provider counted it before another
 * answer's request (it names an earlier reset with more left than the answer naming the later one, or the same
 * window end with more left); an older one can only lower
 * it and never brings the reset closer, and one sent before the budget last counted a reset only gives its share back
 * (read late, a window's last answer names that window's end again, and the window would be counted full twice: a
 * 21st request in every 1 s window of 20). A provider that answers 429 while its header still says
 * {@code remaining: n} (Azure, counting tokens its own way) teaches a margin of n that is kept in reserve from then
 * on.
 */
final class HeaderBudget {

    /**
     * The share of a budget, at its bottom, that goes one request at a time where nothing says when more comes: a
     * provider may refuse before its header says 0 (Azure, counting tokens its own way), and then every request in
     * flight gets a 429 where one would have taught the margin. Only until that first 429: a budget that refills
     * continuously and says only what is left would otherwise go one request per answer whenever the run is
     * bound by it.
     */
    private static final double NEAR_EMPTY = 0.1;
    /** Two resets closer than this may be one instant, read at different moments. */
    private static final Duration READ_JITTER = Duration.ofMillis(20);
    /** How long to wait for an answer in flight to say what is left. */
    static final Duration ASK_AGAIN = Duration.ofMillis(20);

    private boolean known;
    private double level;
    private Instant levelAt;
    /** When the budget is full again; null when no answer named it, or the one named has passed. */
    private Instant resetAt;
    /** The reset the last answers named, and the least they said was left before it. */
    private Instant windowEnd;
    private double windowLowest;
    /** What the answer that named {@link #resetAt} said was left. */
    private double resetRemaining;
    /** Whether {@link #resetAt} is a reset further ahead than the longest wait, cut to it. */
    private boolean resetCapped;
    /** Whether any answer named a reset: a budget that never does (Azure) says only what is left. */
    private boolean namesResets;
    private double limit;
    private double largestRemaining;
    private long newestSeq = -1;
    private final RefillEvidence refill = new RefillEvidence();
    /** Whether the provider ever answered 429 to a request this budget let through. */
    private boolean refused;
    private double margin;
    /** Requests taken so far, and how many had been when a reset was last counted: their sequence numbers. */
    private long taken;
    private long sentAtReset;
    /** What the requests sent and not yet answered hold. */
    private double outstanding;

    /**
     * Reads one answer's view of this budget.
     *
     * @param seq the order in which the answered request was sent
     * @param held what that request took of this budget
     * @param latest the latest reset to believe (a reset further ahead is taken to be there)
     */
    void update(RateLimits.Bucket bucket, long seq, double held, Instant now, Instant latest) {
        outstanding = Math.max(0, outstanding - held);
        if (seq < sentAtReset) {
            // it describes the budget before the reset this one already counted: its reset would count it twice
            return;
        }
        if (!bucket.usable()) {
            known = false;
            refill.forget();
            return;
        }
        double remaining = bucket.remaining().getAsLong();
        largestRemaining = Math.max(largestRemaining, remaining);
        limit = bucket.limit().isPresent() ? bucket.limit().getAsLong() : 0;
        boolean capped = bucket.reset().filter(r -> r.isAfter(latest)).isPresent();
        Instant reset = bucket.reset().map(r -> capped ? latest : r).filter(r -> r.isAfter(now)).orElse(null);
        double told = remaining - margin - outstanding;
        boolean stale = countedEarlier(reset, remaining, now) || sameWindow(reset) && remaining > windowLowest;
        noteWindow(reset, remaining);
        boolean newest = !known || seq >= newestSeq && !stale;
        if (newest) {
            level = told;
            newestSeq = seq;
        } else {
            refillTo(now);
            level = Math.min(level, told);
        }
        levelAt = now;
        known = true;
        if (newest || reset == null || resetAt == null || !resetAt.isAfter(now) || reset.isAfter(resetAt)) {
            // an older answer never brings the reset closer: read late, the first of a burst would have the budget
            // full again 50 ms after it, while the newest says when it really is
            resetAt = reset;
            resetCapped = capped;
            resetRemaining = remaining;
        }
        namesResets |= bucket.reset().isPresent();
        refill.see(limit, remaining, reset, now);
    }

    /**
     * Whether an answer names an earlier reset than the budget knows, and more left than the answer that named that
     * reset (whichever was sent first): when a budget is full again (or its window ends) only moves later as the
     * provider counts requests, so the answer was counted before the one that named the later instant. (A reset that comes closer with less left is news: the
     * tightest of several limits, which Anthropic's token headers name, changed.) A reset read from a relative header
     * is anchored when the answer is read, so a slow answer's lies late: the comparison errs toward waiting for the
     * known reset, never toward a request too many. A reset cut to the longest wait says nothing about order.
     */
    private boolean countedEarlier(Instant reset, double remaining, Instant now) {
        return reset != null && resetAt != null && !resetCapped && resetAt.isAfter(now) && remaining > resetRemaining
                && Duration.between(reset, resetAt).compareTo(READ_JITTER) > 0;
    }

    /**
     * Whether {@code reset} is the end of the window the answers describe, while nothing says the budget refills
     * before it: a window's {@code remaining} only falls until its end, so an answer naming that end with more left
     * than another did was counted earlier by the provider, whatever order it was sent or read in.
     */
    private boolean sameWindow(Instant reset) {
        return refill.perSecond() == 0 && reset != null && windowEnd != null
                && Math.abs(RefillEvidence.seconds(windowEnd, reset)) < RefillEvidence.SPREAD_FLOOR_SECONDS;
    }

    private void noteWindow(Instant reset, double remaining) {
        if (sameWindow(reset)) {
            windowLowest = Math.min(windowLowest, remaining);
        } else {
            windowEnd = reset;
            windowLowest = remaining;
        }
    }

    /**
     * The provider answered 429 to a request this budget let through: a refill it counted on was not there, and a
     * {@code remaining} above zero is what the provider keeps back.
     */
    void rejected(RateLimits.Bucket bucket) {
        refused = true;
        refill.refuteIfBelieved();
        long remaining = bucket.remaining().orElse(0);
        if (remaining > 0 && remaining > margin) {
            double learned = Math.min(remaining, fullSize() / 2);
            level -= learned - margin;
            margin = learned;
        }
    }

    /** How far this budget is from empty in requests of {@code amount}; infinite while unknown. */
    double headroom(double amount) {
        return known ? level / Math.max(amount, 1) : Double.POSITIVE_INFINITY;
    }

    /** How long a request of {@code amount} must wait; zero when it may go now (then {@link #take} it). */
    Duration waitFor(double amount, Instant now) {
        if (!known) {
            return Duration.ZERO;
        }
        if (resetAt != null && !now.isBefore(resetAt)) {
            // full again, whichever kind of limiter this is, but for what went out since
            level = Math.max(level, fullSize() - margin - outstanding);
            levelAt = now;
            resetAt = null;
            sentAtReset = taken;
        }
        refillTo(now);
        if (level >= amount) {
            return !namesResets && !refused && outstanding > 0 && level - amount < fullSize() * NEAR_EMPTY
                    ? ASK_AGAIN
                    : Duration.ZERO;
        }
        if (refill.perSecond() > 0) {
            return Duration.ofNanos((long) Math.ceil((amount - level) / refill.perSecond() * 1e9));
        }
        if (resetAt != null) {
            return Duration.between(now, resetAt);
        }
        // nothing says when more comes: the answers in flight will; with none in flight, one request asks
        return outstanding > 0 ? ASK_AGAIN : Duration.ZERO;
    }

    void take(double amount) {
        taken++;
        outstanding += amount;
        if (known) {
            level -= amount;
        }
    }

    /** A request that ended without an answer no longer holds its share. */
    void release(double amount) {
        outstanding = Math.max(0, outstanding - amount);
    }

    private double fullSize() {
        return limit > 0 ? limit : largestRemaining;
    }

    private void refillTo(Instant now) {
        if (refill.perSecond() > 0 && now.isAfter(levelAt)) {
            level = Math.min(fullSize() - margin, level + refill.perSecond() * RefillEvidence.seconds(levelAt, now));
        }
        levelAt = now;
    }

}
