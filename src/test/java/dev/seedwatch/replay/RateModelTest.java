package dev.seedwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.seedwatch.provider.RateLimits;
import dev.seedwatch.provider.RateLimits.Bucket;

/** When the next request may go, on hand-computed answers of every kind of limiter. */
class RateModelTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final Duration LONGEST = Duration.ofSeconds(60);

    private final RateModel model = new RateModel(LONGEST);

    private RateModel.Ticket go(Instant now) {
        RateModel.Next next = model.next(now);
        assertThat(next).as("may go at " + now).isInstanceOf(RateModel.Go.class);
        return ((RateModel.Go) next).ticket();
    }

    private Duration waits(Instant now) {
        RateModel.Next next = model.next(now);
        return next instanceof RateModel.Wait w ? w.duration() : Duration.ZERO;
    }

    /** {@code count} requests let through at {@code now}, each asserted to go. */
    private List<RateModel.Ticket> go(int count, Instant now) {
        List<RateModel.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tickets.add(go(now));
        }
        return tickets;
    }

    /** Every request the model lets through at {@code now}, until it asks to wait. */
    private List<RateModel.Ticket> allThatMayGo(Instant now) {
        List<RateModel.Ticket> tickets = new ArrayList<>();
        while (model.next(now) instanceof RateModel.Go go) {
            tickets.add(go.ticket());
        }
        return tickets;
    }

    /** One request answered every 100 ms for a second, without headers; returns 950 ms after the first. */
    private Instant answerTenInASecond() {
        for (int i = 0; i < 10; i++) {
            Instant at = NOW.plusMillis(100L * i);
            model.answered(go(at), RateLimits.NONE, at);
        }
        return NOW.plusMillis(950);
    }

    private static RateLimits requests(Long limit, Long remaining, Instant reset) {
        return new RateLimits(new Bucket(limit == null ? OptionalLong.empty() : OptionalLong.of(limit),
                remaining == null ? OptionalLong.empty() : OptionalLong.of(remaining), Optional.ofNullable(reset)),
                Bucket.UNKNOWN, OptionalDouble.empty());
    }

    private static RateLimits quota(double perSecond) {
        return new RateLimits(Bucket.UNKNOWN, Bucket.UNKNOWN, OptionalDouble.of(perSecond));
    }

    @Test
    void untilTheFirstAnswerOneRequestGoesAloneAndOneThatGotNoneCountsAsARoundTrip() {
        RateModel.Ticket first = go(NOW);
        assertThat(waits(NOW)).isEqualTo(HeaderBudget.ASK_AGAIN);
        model.released(first);
        assertThat(allThatMayGo(NOW)).hasSize(2);
    }

    @Test
    void withoutHeadersTheRequestsInFlightDoubleEveryRoundTripUntilTheFirst429() {
        List<RateModel.Ticket> round = List.of(go(NOW));
        for (int expected : new int[] { 2, 4, 8, 16 }) {
            round.forEach(t -> model.answered(t, RateLimits.NONE, NOW));
            round = allThatMayGo(NOW);
            assertThat(round).as("a round trip after " + expected / 2).hasSize(expected);
        }
        assertThat(waits(NOW)).isEqualTo(HeaderBudget.ASK_AGAIN);

        // a 429 ends the slow start: the learned rate paces from now on, not the requests in flight
        model.limited(round.get(0), RateLimits.NONE, null, NOW);
        Instant turn = NOW.plus(waits(NOW));
        assertThat(allThatMayGo(turn)).hasSize(1);
        model.answered(round.get(1), RateLimits.NONE, turn);
        assertThat(allThatMayGo(turn)).as("no slow start left to grow").isEmpty();
    }

    @Test
    void headersDescribingABudgetEndTheSlowStart() {
        model.answered(go(NOW), requests(100L, 99L, NOW.plusSeconds(1)), NOW);

        assertThat(allThatMayGo(NOW)).as("the budget paces, not the requests in flight").hasSize(99);
    }

    @Test
    void aWindowGivesNothingBackBeforeItsResetAndEverythingAtIt() {
        // 10 a window, 3 left as the first request arrived, the window ending in 1.5 s
        model.answered(go(NOW), requests(10L, 3L, NOW.plusMillis(1500)), NOW);
        go(NOW);
        go(NOW);
        go(NOW);
        assertThat(waits(NOW.plusMillis(500))).isEqualTo(Duration.ofSeconds(1));
        // at the reset the window is full again, but for the 3 still unanswered that may count in it
        Instant reset = NOW.plusMillis(1500);
        for (int i = 0; i < 7; i++) {
            go(reset);
        }
        assertThat(waits(reset)).as("the next reset is unknown until an answer says; answers are in flight")
                .isEqualTo(HeaderBudget.ASK_AGAIN);
    }

    @Test
    void aContinuousRefillIsBelievedOnceFourAnswersAgreeOnItsRate() {
        // 100 a bucket refilled at 100 a second: the reset is (100 - remaining) / 100 s ahead
        long[] remaining = { 40, 30, 20, 10 };
        for (long r : remaining) {
            model.answered(go(NOW), requests(100L, r, NOW.plusMillis((100 - r) * 10)), NOW);
        }
        // 10 left, none in flight: 10 go, then one more comes back every 10 ms
        for (int i = 0; i < 10; i++) {
            go(NOW);
        }
        assertThat(waits(NOW)).isEqualTo(Duration.ofMillis(10));
        go(NOW.plusMillis(10));
    }

    @Test
    void aWindowsImpliedRatesDisagreeSoItWaitsForTheReset() {
        // a 1 s window of 20: as it runs out, the implied rate climbs (1/0.95, 2/0.9, 3/0.85, 4/0.8 a second)
        for (int used = 1; used <= 4; used++) {
            Instant at = NOW.plusMillis(50L * used);
            model.answered(go(at), requests(20L, 20L - used, NOW.plusSeconds(1)), at);
        }
        for (int i = 0; i < 16; i++) {
            go(NOW.plusMillis(200));
        }
        assertThat(waits(NOW.plusMillis(200))).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void aBurstsAnswersNearAWindowsEndAgreeOnARateButNameOneResetSoItWaitsForTheReset() {
        // a 1 s window of 20: 3, 2, 1, 0 left imply 17/0.96 … 20/0.96 a second, within 25 %, all naming its end
        Instant end = NOW.plusSeconds(1);
        Instant at = NOW.plusMillis(40);
        for (long remaining = 3; remaining >= 0; remaining--) {
            model.answered(go(at), requests(20L, remaining, end), at);
        }
        assertThat(waits(at)).isEqualTo(Duration.between(at, end));
    }

    @Test
    void anEmptyBucketsResetsMoveWithTimeSoItsRefillIsBelieved() {
        // 20 refilled at 20 a second, answered every 50 ms with nothing left: each names a reset 1 s after it
        model.answered(go(NOW), RateLimits.NONE, NOW);
        go(2, NOW).forEach(t -> model.answered(t, RateLimits.NONE, NOW));
        List<RateModel.Ticket> inFlight = go(4, NOW);
        for (int i = 0; i < 4; i++) {
            Instant at = NOW.plusMillis(50L * i);
            model.answered(inFlight.get(i), requests(20L, 0L, at.plusSeconds(1)), at);
        }
        Instant last = NOW.plusMillis(150);
        assertThat(waits(last)).as("one refilled in 50 ms, not the reset").isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void anAnswerFromBeforeAResetDoesNotCountTheResetTwice() {
        // a window of 10 ending at +100 ms; 9 sent, 8 answered before the end, the 9th after it
        Instant end = NOW.plusMillis(100);
        model.answered(go(NOW), requests(10L, 9L, end), NOW);
        List<RateModel.Ticket> sent = go(9, NOW);
        for (int i = 0; i < 8; i++) {
            model.answered(sent.get(i), requests(10L, 8L - i, end), NOW.plusMillis(50));
        }
        // the new window: 10, less the one still unanswered
        for (int i = 0; i < 9; i++) {
            go(end);
        }
        Instant late = end.plusMillis(10);
        model.answered(sent.get(8), requests(10L, 0L, late.plusMillis(10)), late);

        assertThat(waits(late.plusMillis(20))).as("the late answer's reset is the one already counted")
                .isEqualTo(HeaderBudget.ASK_AGAIN);
    }

    @Test
    void anAnswerNamingTheSameWindowEndWithMoreLeftDoesNotRaiseWhatIsLeft() {
        // a window of 20 ending in 900 ms; the provider counts the third request first and the second last
        Instant end = NOW.plusMillis(900);
        model.answered(go(NOW), requests(20L, 19L, end), NOW);
        RateModel.Ticket second = go(NOW);
        RateModel.Ticket third = go(NOW);
        model.answered(second, requests(20L, 17L, end), NOW);
        model.answered(third, requests(20L, 18L, end), NOW);

        int sent = allThatMayGo(NOW).size();
        // 17 left as the answer the provider counted last said, less the third, in flight when it was read (the
        // answers cannot tell that the provider had counted it already); not the 18 the third's answer says
        assertThat(sent).isEqualTo(16);
    }

    @Test
    void anAnswerNamingAnEarlierResetWasCountedEarlierAndDoesNotFillTheBudgetAtIt() {
        // a bucket of 20 refilled at 20 a second, whose refill is not believed yet: full again when the answers say
        model.answered(go(NOW), requests(20L, 19L, NOW.plusMillis(50)), NOW);
        List<RateModel.Ticket> burst = go(19, NOW);
        // the provider counted the first of them first; its answer is read after the last one's
        model.answered(burst.get(18), requests(20L, 0L, NOW.plusMillis(960)), NOW.plusMillis(20));
        model.answered(burst.get(0), requests(20L, 18L, NOW.plusMillis(100)), NOW.plusMillis(20));

        Instant later = NOW.plusMillis(150);
        assertThat(waits(later)).as("full again when the last one counted said, not at the first one's reset")
                .isEqualTo(Duration.ofMillis(810));
    }

    @Test
    void theNewestAnswerCountedFirstDoesNotRaiseWhatIsLeft() {
        // a bucket of 20, full again in 960 ms after the burst; the provider counted the last request sent first
        // (its connection opened sooner), so its answer says 18 left and names an earlier reset
        model.answered(go(NOW), requests(20L, 19L, NOW.plusMillis(960)), NOW);
        List<RateModel.Ticket> burst = go(19, NOW);
        for (int i = 0; i < 18; i++) {
            model.answered(burst.get(i), requests(20L, 0L, NOW.plusMillis(980)), NOW.plusMillis(20));
        }
        model.answered(burst.get(18), requests(20L, 18L, NOW.plusMillis(150)), NOW.plusMillis(20));

        assertThat(waits(NOW.plusMillis(20))).as("empty until the reset the last one counted named")
                .isEqualTo(Duration.ofMillis(960));
    }

    @Test
    void theNewestAnswerCountedBeforeAnOlderOneWithLessLeftDoesNotRaiseWhatIsLeft() {
        // a bucket of 20 emptied by a burst; read in this order: the 18th of it (6 left), the 1st to 17th (0 left,
        // the latest reset), then the 19th, which the provider counted between them (3 left, an earlier reset)
        model.answered(go(NOW), requests(20L, 19L, NOW.plusMillis(50)), NOW);
        List<RateModel.Ticket> burst = go(19, NOW);
        Instant read = NOW.plusMillis(20);
        model.answered(burst.get(17), requests(20L, 6L, NOW.plusMillis(700)), read);
        burst.subList(0, 17).forEach(t -> model.answered(t, requests(20L, 0L, NOW.plusMillis(1000)), read));
        model.answered(burst.get(18), requests(20L, 3L, NOW.plusMillis(850)), read);

        assertThat(waits(read)).as("empty: not even one may go before one refilled (50 ms)")
                .isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void theNewestAnswerMayBringTheResetCloser() {
        // the tightest of two limits changed (Anthropic's headers name whichever binds): the newest answer says so
        model.answered(go(NOW), requests(20L, 19L, NOW.plusSeconds(30)), NOW);
        RateModel.Ticket next = go(NOW);
        model.answered(next, requests(20L, 0L, NOW.plusSeconds(1)), NOW);
        assertThat(waits(NOW)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aResetCutToTheLongestWaitDoesNotHoldBackTheAnswersAfterIt() {
        // one answer names a reset a day ahead (cut to the longest wait); the window's others name its end in 1 s
        model.answered(go(NOW), requests(20L, 19L, NOW.plusSeconds(1)), NOW);
        RateModel.Ticket far = go(NOW);
        RateModel.Ticket near = go(NOW);
        model.answered(far, requests(20L, 18L, NOW.plus(Duration.ofDays(1))), NOW);
        model.answered(near, requests(20L, 0L, NOW.plusSeconds(1)), NOW);
        assertThat(waits(NOW)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a429RefutesTheRefill() {
        long[] remaining = { 40, 30, 20, 10 };
        for (long r : remaining) {
            model.answered(go(NOW), requests(100L, r, NOW.plusMillis((100 - r) * 10)), NOW);
        }
        model.limited(go(NOW), requests(100L, 0L, NOW.plusSeconds(1)), null, NOW);

        assertThat(waits(NOW)).as("until the reset, not 10 ms").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void onlyTheAnswerToTheLatestRequestRaisesTheLevel() {
        model.answered(go(NOW), RateLimits.NONE, NOW);
        RateModel.Ticket first = go(NOW);
        RateModel.Ticket second = go(NOW);
        model.answered(second, requests(10L, 0L, NOW.plusSeconds(1)), NOW);
        // the first arrived before the second: its 5 left are long gone
        model.answered(first, requests(10L, 5L, NOW.plusSeconds(1)), NOW);

        assertThat(waits(NOW)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withoutAResetTheAnswersInFlightSayWhenMoreComesAndWithNoneOneRequestAsks() {
        // Azure: only x-ratelimit-remaining-requests
        model.answered(go(NOW), RateLimits.NONE, NOW);
        RateModel.Ticket first = go(NOW);
        RateModel.Ticket second = go(NOW);
        model.answered(first, requests(null, 0L, null), NOW);

        assertThat(waits(NOW)).isEqualTo(HeaderBudget.ASK_AGAIN);
        model.answered(second, requests(null, 0L, null), NOW);
        go(NOW);
        assertThat(waits(NOW)).as("one asks at a time").isEqualTo(HeaderBudget.ASK_AGAIN);
    }

    @Test
    void a429WhileRequestsRemainTeachesTheMarginTheProviderKeeps() {
        model.answered(go(NOW), requests(null, 40L, null), NOW);
        // a margin is at most half the most ever said to remain: a 429 may be another budget's
        model.limited(go(NOW), requests(null, 10L, null), Duration.ofSeconds(2), NOW);
        assertThat(waits(NOW)).as("Retry-After holds the target").isEqualTo(Duration.ofSeconds(2));

        Instant later = NOW.plusSeconds(2);
        RateModel.Ticket asking = go(later);
        model.answered(asking, requests(null, 13L, null), later);
        model.answered(go(later), requests(null, 12L, null), later);
        model.answered(go(later), requests(null, 11L, null), later);
        go(later);
        assertThat(waits(later)).as("11 left, 10 kept back, 1 taken").isEqualTo(HeaderBudget.ASK_AGAIN);
    }

    @Test
    void theLastTenthOfABudgetThatNamesNoResetGoesOneRequestAtATime() {
        // Azure refuses before its remaining says 0: one 429 should teach that, not one per request in flight
        model.answered(go(NOW), requests(null, 100L, null), NOW);
        List<RateModel.Ticket> burst = allThatMayGo(NOW);
        assertThat(burst).as("all but the last tenth at once").hasSize(90);

        for (int i = 0; i < burst.size(); i++) {
            model.answered(burst.get(i), requests(null, 99L - i, null), NOW);
        }
        RateModel.Ticket alone = go(NOW);
        assertThat(waits(NOW)).as("one at a time near the bottom").isEqualTo(HeaderBudget.ASK_AGAIN);
        model.answered(alone, requests(null, 9L, null), NOW);
        go(NOW);
        assertThat(waits(NOW)).isEqualTo(HeaderBudget.ASK_AGAIN);
    }

    @Test
    void aHoldIsNoLongerThanTheLongestWait() {
        model.limited(go(NOW), RateLimits.NONE, Duration.ofHours(20), NOW);

        assertThat(waits(NOW)).isEqualTo(LONGEST);
    }

    @Test
    void tokensAreWeighedByWhatTheLastRequestUsedAndTheLongerWaitWins() {
        RateModel.Ticket t = go(NOW);
        model.used(100);
        model.answered(t, new RateLimits(new Bucket(OptionalLong.empty(), OptionalLong.of(5), Optional.of(
                NOW.plusSeconds(2))), new Bucket(OptionalLong.empty(), OptionalLong.of(250), Optional.of(
                        NOW.plusSeconds(7))), OptionalDouble.empty()), NOW);

        go(NOW);
        go(NOW);
        assertThat(waits(NOW)).as("50 tokens left for 100").isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void withoutHeadersThe429sTeachARate() {
        // 10 answers in the last second, then a 429: 8 a second, one every 125 ms, the first after one turn
        Instant t = answerTenInASecond();
        RateModel.Ticket before = go(t);
        model.limited(go(t), RateLimits.NONE, null, t);
        assertThat(waits(t)).as("what the provider let through is spent").isEqualTo(Duration.ofMillis(125));
        Instant turn = t.plusMillis(125);
        go(turn);
        assertThat(waits(turn)).isEqualTo(Duration.ofMillis(125));

        // sent before the slow-down: the same congestion, answered late
        model.limited(before, RateLimits.NONE, null, turn);
        assertThat(waits(turn)).isEqualTo(Duration.ofMillis(125));
    }

    @Test
    void aLowFirstGuessDoublesEverySecondUntilA429HalvesIt() {
        // the first 429 arrives before any answer of the burst: the first guess is 1 a second, 0.8 of it taken
        model.answered(go(NOW), RateLimits.NONE, NOW);
        model.limited(go(NOW), RateLimits.NONE, null, NOW);
        Instant t = NOW.plusMillis(1250);
        RateModel.Ticket sinceSlowDown = go(t);
        // slow start: each answer adds ln 2 a second; answers come at the rate, so it doubles every second
        for (int i = 0; i < 10; i++) {
            model.answered(sinceSlowDown, RateLimits.NONE, t);
        }
        double rate = 0.8 + 10 * Math.log(2);
        Instant u = t.plusMillis(1250);
        RateModel.Ticket limited = go(u);
        assertThat(waits(u)).isEqualTo(Duration.ofNanos((long) (1e9 / rate)));

        // a 429 to a request sent since the slow-down: half the rate, and from then on additive increase
        model.limited(limited, RateLimits.NONE, null, u);
        Instant turn = u.plusNanos((long) (1e9 / (rate / 2)));
        assertThat(waits(u)).isEqualTo(Duration.between(u, turn));
        model.answered(go(turn), RateLimits.NONE, turn);
        double additive = rate / 2 + LearnedRate.PROBE * rate / (rate / 2);
        assertThat(waits(turn)).isEqualTo(Duration.ofNanos((long) (1e9 / (rate / 2))));
        Instant next = turn.plusNanos((long) (1e9 / (rate / 2)));
        go(next);
        assertThat(waits(next)).isEqualTo(Duration.ofNanos((long) (1e9 / additive)));
    }

    @Test
    void aSlowStartEndingNearWhereItBeganTakesOffTheUsualShareNotHalf() {
        // 10 answers in the last second, then a 429: 8 a second, and the slow start begins there
        Instant t = answerTenInASecond();
        model.limited(go(t), RateLimits.NONE, null, t);
        Instant turn = t.plusMillis(125);
        RateModel.Ticket sinceSlowDown = go(turn);
        model.answered(sinceSlowDown, RateLimits.NONE, turn);
        double rate = 8 + Math.log(2);

        // a 429 to a request sent since: half of 8.69 is below the 8 it began at, so 0.8 of it
        Instant next = turn.plusMillis(125);
        model.limited(go(next), RateLimits.NONE, null, next);
        assertThat(waits(next)).isEqualTo(Duration.ofNanos((long) (1e9 / (rate * LearnedRate.DECREASE))));
    }

    @Test
    void answersRaiseTheLearnedRateAndAQuotaCapsIt() {
        for (int i = 0; i < 10; i++) {
            model.answered(go(NOW), RateLimits.NONE, NOW);
        }
        // Gemini names 3 a second: 0.8 of it (no slow start: the quota is known), then each answer adds
        // 0.05 · 3 / rate
        model.limited(go(NOW), quota(3), null, NOW);
        assertThat(waits(NOW)).isEqualTo(Duration.ofNanos(416_666_666)); // 1 / 2.4 s
        Instant first = NOW.plusNanos(416_666_666);
        RateModel.Ticket t = go(first);
        model.answered(t, RateLimits.NONE, first); // 2.4 + 0.15 / 2.4 = 2.4625
        Instant next = first.plusNanos(416_666_666);
        go(next);
        assertThat(waits(next)).isEqualTo(Duration.ofNanos(406_091_370)); // 1 / 2.4625 s
        for (int i = 0; i < 100; i++) {
            model.answered(t, RateLimits.NONE, next);
        }
        Instant later = next.plusSeconds(1);
        go(later);
        assertThat(waits(later)).as("never above the quota").isEqualTo(Duration.ofNanos(333_333_333));
    }
}
