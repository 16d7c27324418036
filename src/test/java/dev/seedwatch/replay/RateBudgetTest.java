package dev.seedwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The provider's budget from its rate-limit headers, on hand-made answers. */
class RateBudgetTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    /** A budget after one request was answered at NOW with {@code headers}. */
    private static RateBudget after(Map<String, String> headers) {
        RateBudget budget = new RateBudget();
        budget.update(headers::get, budget.reserve(NOW), NOW);
        return budget;
    }

    private static Duration wait(RateBudget budget, Instant now) {
        return budget.reserve(now).delay();
    }

    @Test
    void goDurations() {
        assertThat(RateBudget.goDuration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(RateBudget.goDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(RateBudget.goDuration("12ms")).isEqualTo(Duration.ofMillis(12));
        assertThat(RateBudget.goDuration("23h47m36.648s")).isEqualTo(Duration.ofHours(23).plusMinutes(47)
                .plusMillis(36_648));
        assertThat(RateBudget.goDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(RateBudget.goDuration("soon")).isNull();
        assertThat(RateBudget.goDuration("5")).isNull();
        assertThat(RateBudget.goDuration("1s later")).isNull();
        assertThat(RateBudget.goDuration(null)).isNull();
    }

    @Test
    void anUnknownBudgetNeverWaits() {
        for (RateBudget budget : new RateBudget[] { after(Map.of()),
                after(Map.of("x-ratelimit-remaining-requests", "-1", "x-ratelimit-reset-requests", "1s")),
                after(Map.of("x-ratelimit-remaining-requests", "0")) }) {
            for (int i = 0; i < 5; i++) {
                assertThat(wait(budget, NOW)).isZero();
            }
        }
    }

    @Test
    void requestsLeftAreSpentThenTheNextWaitsForTheReset() {
        RateBudget budget = after(Map.of("x-ratelimit-remaining-requests", "2", "x-ratelimit-reset-requests",
                "1.5s"));

        assertThat(wait(budget, NOW)).isZero();
        assertThat(wait(budget, NOW)).isZero();
        assertThat(wait(budget, NOW.plusMillis(500))).isEqualTo(Duration.ofSeconds(1));
        // past the reset the provider tells the budget again; until then it is unknown
        assertThat(wait(budget, NOW.plusSeconds(2))).isZero();
    }

    @Test
    void tokensLeftAreWeighedByWhatTheLastRequestUsed() {
        RateBudget budget = after(Map.of("x-ratelimit-remaining-tokens", "250", "x-ratelimit-reset-tokens", "6m0s"));
        budget.used(100);

        assertThat(wait(budget, NOW)).isZero();
        assertThat(wait(budget, NOW)).isZero();
        assertThat(wait(budget, NOW)).as("50 tokens left for a request of 100").isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void anthropicResetsAreTimes() {
        RateBudget budget = after(Map.of("anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", "2026-12-02T10:00:30Z"));

        assertThat(wait(budget, NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theLongerOfTwoWaitsWins() {
        RateBudget budget = after(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "7s"));
        budget.used(10);

        assertThat(wait(budget, NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void withTheLimitKnownARequestWaitsOnlyForItsShareOfTheRefill() {
        // 100 requests a bucket, empty, full again in 1 s: one request's worth comes back every 10 ms
        RateBudget budget = after(Map.of("x-ratelimit-limit-requests", "100", "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "1s"));

        assertThat(wait(budget, NOW)).isEqualTo(Duration.ofMillis(10));
        assertThat(wait(budget, NOW)).as("queued behind the one before").isEqualTo(Duration.ofMillis(20));
        // 50 ms later five more have come back, two of them already promised
        assertThat(wait(budget, NOW.plusMillis(50))).isZero();
    }

    @Test
    void theRefillStopsAtTheLimit() {
        RateBudget budget = after(Map.of("anthropic-ratelimit-requests-limit", "3",
                "anthropic-ratelimit-requests-remaining", "0", "anthropic-ratelimit-requests-reset",
                "2026-12-02T10:00:03Z"));
        Instant later = NOW.plusSeconds(60);

        for (int i = 0; i < 3; i++) {
            assertThat(wait(budget, later)).isZero();
        }
        assertThat(wait(budget, later)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void requestsStillUnansweredAreTakenOffWhatAnAnswerLeaves() {
        RateBudget budget = new RateBudget();
        RateBudget.Ticket first = budget.reserve(NOW);
        RateBudget.Ticket second = budget.reserve(NOW);
        for (int i = 0; i < 3; i++) {
            budget.reserve(NOW);
        }
        // 5 left as the provider saw the first; the four others may have arrived after it
        budget.update(Map.of("x-ratelimit-limit-requests", "10", "x-ratelimit-remaining-requests", "5",
                "x-ratelimit-reset-requests", "60s")::get, first, NOW);

        assertThat(wait(budget, NOW)).isZero();
        assertThat(wait(budget, NOW)).as("one left, now taken").isPositive();
    }

    @Test
    void aRequestThatEndedWithoutAnAnswerHoldsNothing() {
        RateBudget budget = new RateBudget();
        RateBudget.Ticket first = budget.reserve(NOW);
        RateBudget.Ticket failed = budget.reserve(NOW);
        budget.release(failed);
        budget.update(Map.of("x-ratelimit-limit-requests", "10", "x-ratelimit-remaining-requests", "1",
                "x-ratelimit-reset-requests", "60s")::get, first, NOW);

        assertThat(wait(budget, NOW)).as("the one left is this request's").isZero();
        assertThat(wait(budget, NOW)).isPositive();
    }

    @Test
    void withoutTheLimitTheAnswerAfterTheResetIsBelievedAgain() {
        RateBudget budget = after(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s"));
        RateBudget.Ticket waited = budget.reserve(NOW);
        assertThat(waited.delay()).isEqualTo(Duration.ofSeconds(1));

        // its answer, past the reset: 9 left, and the next reset a second away
        budget.update(Map.of("x-ratelimit-remaining-requests", "9", "x-ratelimit-reset-requests", "1s")::get, waited,
                NOW.plusMillis(1100));
        for (int i = 0; i < 9; i++) {
            assertThat(wait(budget, NOW.plusMillis(1100))).isZero();
        }
        assertThat(wait(budget, NOW.plusMillis(1100))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anAnswerNeverRaisesTheLevelTheBudgetCountsOn() {
        RateBudget budget = new RateBudget();
        RateBudget.Ticket newer = budget.reserve(NOW);
        RateBudget.Ticket older = budget.reserve(NOW);
        budget.update(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s")::get, newer,
                NOW.plusMillis(25));
        // an answer to a request the provider saw earlier, when more was left
        budget.update(Map.of("x-ratelimit-remaining-requests", "50", "x-ratelimit-reset-requests", "1s")::get, older,
                NOW.plusMillis(30));

        assertThat(wait(budget, NOW.plusMillis(30))).isPositive();
    }
}
