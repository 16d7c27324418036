package dev.seedwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The provider's budget from its rate-limit headers, on hand-made answers. */
class RateBudgetTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static RateBudget after(Map<String, String> headers) {
        RateBudget budget = new RateBudget();
        budget.update(headers::get, NOW);
        return budget;
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
                assertThat(budget.reserve(NOW)).isZero();
            }
        }
    }

    @Test
    void requestsLeftAreSpentThenTheNextWaitsForTheReset() {
        RateBudget budget = after(Map.of("x-ratelimit-remaining-requests", "2", "x-ratelimit-reset-requests",
                "1.5s"));

        assertThat(budget.reserve(NOW)).isZero();
        assertThat(budget.reserve(NOW)).isZero();
        assertThat(budget.reserve(NOW.plusMillis(500))).isEqualTo(Duration.ofSeconds(1));
        // past the reset the provider tells the budget again; until then it is unknown
        assertThat(budget.reserve(NOW.plusSeconds(2))).isZero();
    }

    @Test
    void tokensLeftAreWeighedByWhatTheLastRequestUsed() {
        RateBudget budget = after(Map.of("x-ratelimit-remaining-tokens", "250", "x-ratelimit-reset-tokens", "6m0s"));
        budget.used(100);

        assertThat(budget.reserve(NOW)).isZero();
        assertThat(budget.reserve(NOW)).isZero();
        assertThat(budget.reserve(NOW)).as("50 tokens left for a request of 100").isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void anthropicResetsAreTimes() {
        RateBudget budget = after(Map.of("anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", "2026-12-02T10:00:30Z"));

        assertThat(budget.reserve(NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theLongerOfTwoWaitsWins() {
        RateBudget budget = after(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "7s"));
        budget.used(10);

        assertThat(budget.reserve(NOW)).isEqualTo(Duration.ofSeconds(7));
    }
}
