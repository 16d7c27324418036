package dev.seedwatch.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI's {@code x-ratelimit-limit|remaining|reset-requests|tokens}, the reset a Go duration ({@code 1s},
 * {@code 6m0s}, {@code 23h47m36.648s}); LiteLLM and vLLM's gateways send the same names, sometimes {@code -1}. Azure
 * OpenAI sends the same {@code x-ratelimit-remaining-*} without limit or reset (its windows are fixed, 10 s and
 * 60 s), which reads as a remaining-only budget.
 */
final class OpenAiRateHeaders {

    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");

    private OpenAiRateHeaders() {
    }

    static RateLimits read(Function<String, String> header, Instant now) {
        return new RateLimits(bucket(header, now, "requests"), bucket(header, now, "tokens"),
                OptionalDouble.empty());
    }

    private static RateLimits.Bucket bucket(Function<String, String> header, Instant now, String kind) {
        return RateLimits.Bucket.of(header.apply("x-ratelimit-limit-" + kind),
                header.apply("x-ratelimit-remaining-" + kind),
                RateLimits.after(now, goDuration(header.apply("x-ratelimit-reset-" + kind))));
    }

    /** A Go duration ({@code 1h2m3.5s}, {@code 12ms}); null when absent or not one. */
    static Duration goDuration(String text) {
        if (text == null || text.isBlank() || text.length() > 40) {
            return null;
        }
        String value = text.trim();
        Matcher m = GO_PART.matcher(value);
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double amount = Double.parseDouble(m.group(1));
            nanos += (long) (amount * switch (m.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us", "µs" -> 1_000L;
                default -> 1L;
            });
            end = m.end();
        }
        return end == value.length() && end > 0 ? Duration.ofNanos(nanos) : null;
    }
}
