package dev.seedwatch.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target's rate-limit headers say is left of its budget, so that a request the budget would not cover waits
 * for the reset instead of earning a 429. OpenAI (and LiteLLM) send {@code x-ratelimit-remaining-requests|tokens}
 * with {@code x-ratelimit-reset-*} as Go durations ({@code 1s}, {@code 6m0s}, {@code 23h47m36.648s}); Anthropic sends
 * {@code anthropic-ratelimit-requests|tokens-remaining} with {@code -reset} as RFC 3339 times. A value of {@code -1},
 * an unreadable one or none is unknown, never zero: an unknown budget never makes a request wait.
 */
final class RateBudget {

    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");

    private final Window requests = new Window();
    private final Window tokens = new Window();
    /** Tokens the last answered request used: what the next one is taken to need. */
    private long tokensPerRequest;

    /** Reads an answer's headers (any status: a 429 says as much about the budget as a 200). */
    synchronized void update(Function<String, String> header, Instant now) {
        requests.update(remaining(header, "x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining"),
                reset(header, now, "x-ratelimit-reset-requests", "anthropic-ratelimit-requests-reset"));
        tokens.update(remaining(header, "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining"),
                reset(header, now, "x-ratelimit-reset-tokens", "anthropic-ratelimit-tokens-reset"));
    }

    synchronized void used(long tokenCount) {
        tokensPerRequest = Math.max(0, tokenCount);
    }

    /** How long the next request must wait; reserves its share of the budget. */
    synchronized Duration reserve(Instant now) {
        Duration wait = requests.take(1, now);
        Duration tokenWait = tokens.take(tokensPerRequest, now);
        return wait.compareTo(tokenWait) >= 0 ? wait : tokenWait;
    }

    /** One limit: what is left (-1 unknown) until when. */
    private static final class Window {
        private long remaining = -1;
        private Instant resetAt;

        void update(long left, Instant reset) {
            remaining = left;
            resetAt = reset;
        }

        Duration take(long amount, Instant now) {
            if (remaining < 0 || resetAt == null) {
                return Duration.ZERO;
            }
            if (remaining >= amount) {
                remaining -= amount;
                return Duration.ZERO;
            }
            Duration wait = now.isBefore(resetAt) ? Duration.between(now, resetAt) : Duration.ZERO;
            // after the reset the budget is the provider's to tell again, with its next answer
            remaining = -1;
            return wait;
        }
    }

    private static long remaining(Function<String, String> header, String... names) {
        for (String name : names) {
            String value = header.apply(name);
            if (value != null && value.trim().matches("\\d{1,18}")) {
                return Long.parseLong(value.trim());
            }
        }
        return -1;
    }

    private static Instant reset(Function<String, String> header, Instant now, String goDuration, String rfc3339) {
        Duration d = goDuration(header.apply(goDuration));
        if (d != null) {
            return now.plus(d);
        }
        String at = header.apply(rfc3339);
        if (at != null) {
            try {
                return Instant.parse(at.trim());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** A Go duration ({@code 1h2m3.5s}, {@code 12ms}); null when absent or not one. */
    static Duration goDuration(String text) {
        if (text == null || text.isBlank()) {
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
