package dev.seedwatch.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.seedwatch.suite.TargetType;
import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;

/** Each provider's rate-limit headers (and Gemini's quota), as its own class reads them. */
class RateLimitsTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static RateLimits read(TargetType type, Map<String, String> headers) {
        return Providers.of(type).rateLimits(headers::get, NOW);
    }

    @Test
    void openAiSendsLimitRemainingAndAGoDurationReset() {
        RateLimits limits = read(ChatCompletions.OPENAI, Map.of("x-ratelimit-limit-requests", "500",
                "x-ratelimit-remaining-requests", "499", "x-ratelimit-reset-requests", "120ms",
                "x-ratelimit-limit-tokens", "30000", "x-ratelimit-remaining-tokens", "29000",
                "x-ratelimit-reset-tokens", "2s"));

        assertThat(limits.requests()).isEqualTo(new RateLimits.Bucket(OptionalLong.of(500), OptionalLong.of(499),
                Optional.of(NOW.plusMillis(120))));
        assertThat(limits.tokens().reset()).contains(NOW.plusSeconds(2));
        assertThat(read(OpenAiResponses.TYPE, Map.of("x-ratelimit-remaining-requests", "7")).requests()
                .remaining()).hasValue(7);
    }

    @Test
    void azureSendsRemainingOnly() {
        RateLimits limits = read(ChatCompletions.AZURE, Map.of("x-ratelimit-remaining-requests", "118",
                "x-ratelimit-remaining-tokens", "9000"));

        assertThat(limits.requests()).isEqualTo(new RateLimits.Bucket(OptionalLong.empty(), OptionalLong.of(118),
                Optional.empty()));
        assertThat(limits.requests().usable()).isTrue();
    }

    @Test
    void minusOneUnreadableAndContradictoryValuesAreUnknown() {
        assertThat(read(ChatCompletions.OPENAI, Map.of("x-ratelimit-limit-requests", "-1",
                "x-ratelimit-remaining-requests", "-1")).usable()).isFalse();
        assertThat(read(ChatCompletions.OPENAI, Map.of("x-ratelimit-remaining-requests", "lots")).usable()).isFalse();
        assertThat(read(ChatCompletions.OPENAI, Map.of("x-ratelimit-limit-requests", "10",
                "x-ratelimit-remaining-requests", "50")).requests()).as("more left than the limit")
                .isEqualTo(RateLimits.Bucket.UNKNOWN);
        RateLimits badLimit = read(ChatCompletions.OPENAI, Map.of("x-ratelimit-limit-requests", "-1",
                "x-ratelimit-remaining-requests", "5", "x-ratelimit-reset-requests", "soon"));
        assertThat(badLimit.requests()).isEqualTo(new RateLimits.Bucket(OptionalLong.empty(), OptionalLong.of(5),
                Optional.empty()));
        assertThat(read(Gemini.TYPE, Map.of("x-ratelimit-remaining-requests", "5")).usable())
                .as("Gemini sends none: another's names mean nothing").isFalse();
    }

    @Test
    void anthropicResetsAreRfc3339Times() {
        RateLimits limits = read(Anthropic.TYPE, Map.of("anthropic-ratelimit-requests-limit", "50",
                "anthropic-ratelimit-requests-remaining", "0", "anthropic-ratelimit-requests-reset",
                "2026-12-02T10:00:30Z", "anthropic-ratelimit-tokens-remaining", "1000",
                "anthropic-ratelimit-tokens-reset", "yesterday"));

        assertThat(limits.requests()).isEqualTo(new RateLimits.Bucket(OptionalLong.of(50), OptionalLong.of(0),
                Optional.of(NOW.plusSeconds(30))));
        assertThat(limits.tokens().reset()).isEmpty();
    }

    @Test
    void goDurations() {
        assertThat(OpenAiRateHeaders.goDuration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(OpenAiRateHeaders.goDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(OpenAiRateHeaders.goDuration("12ms")).isEqualTo(Duration.ofMillis(12));
        assertThat(OpenAiRateHeaders.goDuration("23h47m36.648s")).isEqualTo(Duration.ofHours(23).plusMinutes(47)
                .plusMillis(36_648));
        assertThat(OpenAiRateHeaders.goDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(OpenAiRateHeaders.goDuration("soon")).isNull();
        assertThat(OpenAiRateHeaders.goDuration("5")).isNull();
        assertThat(OpenAiRateHeaders.goDuration("1s later")).isNull();
        assertThat(OpenAiRateHeaders.goDuration(null)).isNull();
    }

    @Test
    void geminiNamesItsPerMinuteRequestQuota() throws Exception {
        String body = "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaId\":"
                + "\"GenerateContentInputTokensPerModelPerMinute-FreeTier\",\"quotaValue\":\"250000\"},{\"quotaId\":"
                + "\"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\",\"quotaValue\":\"15\"}]}]}}";
        Provider gemini = Providers.of(Gemini.TYPE);

        assertThat(gemini.quotaPerSecond(Json.MAPPER.readTree(body))).isEqualTo(OptionalDouble.of(0.25));
        assertThat(gemini.quotaPerSecond(FakeOpenAi.fixture("gemini-error-429.json"))).as("RetryInfo only")
                .isEmpty();
    }
}
