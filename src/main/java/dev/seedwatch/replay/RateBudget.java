package dev.seedwatch.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target's rate-limit headers say is left of its budget, so that a request the budget would not cover waits
 * until it would instead of earning a 429. OpenAI (and LiteLLM) send {@code x-ratelimit-limit|remaining-requests|
 * tokens} with {@code x-ratelimit-reset-*} as Go durations ({@code 1s}, {@code 6m0s}, {@code 23h47m36.648s});
 * Anthropic sends {@code anthropic-ratelimit-requests|tokens-limit|remaining} with {@code -reset} as RFC 3339 times.
 * A value of {@code -1}, an unreadable one or none is unknown, never zero: an unknown budget never makes a request
 * wait.
 *
 * <p>
 * Both providers refill their buckets continuously and the reset is when the bucket is full again, so with the
 * limit known the refill rate is {@code (limit - remaining) / (reset - now)} and a request waits only for the share
 * it needs, not for the whole bucket; without the limit it waits for the reset. A header describes the bucket as
 * the provider saw it when that request arrived; requests still unanswered may or may not have arrived, so their
 * share is taken off what it leaves, and an answer never raises the level the budget already counts on (answers
 * come back in another order than their requests arrived). Both err on the side of waiting: a run at full
 * concurrency leaves at most its requests in flight unused. A request's tokens are taken to be what the last answer
 * used (none before the first answer), while a provider may count {@code max_tokens} on arrival: a token budget can
 * still be overdrawn by what that difference adds up to, and a 429 is then retried as before.
 */
final class RateBudget {

    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");

    /** A reserved request: how long it waits before it is sent, and the share of each bucket it holds. */
    record Ticket(Duration delay, double requests, double tokens) {
    }

    private final Bucket requests = new Bucket();
    private final Bucket tokens = new Bucket();
    /** Tokens the last answered request used: what the next one is taken to need. */
    private long tokensPerRequest;

    /** Reads the headers of the answer to {@code ticket}'s request (any status: a 429 tells as much as a 200). */
    synchronized void update(Function<String, String> header, Ticket ticket, Instant now) {
        requests.update(number(header, "x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining"),
                number(header, "x-ratelimit-limit-requests", "anthropic-ratelimit-requests-limit"),
                reset(header, now, "x-ratelimit-reset-requests", "anthropic-ratelimit-requests-reset"),
                ticket.requests(), now);
        tokens.update(number(header, "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining"),
                number(header, "x-ratelimit-limit-tokens", "anthropic-ratelimit-tokens-limit"),
                reset(header, now, "x-ratelimit-reset-tokens", "anthropic-ratelimit-tokens-reset"),
                ticket.tokens(), now);
    }

    /** {@code ticket}'s request ended without an answer: it no longer holds a share. */
    synchronized void release(Ticket ticket) {
        requests.outstanding -= ticket.requests();
        tokens.outstanding -= ticket.tokens();
    }

    synchronized void used(long tokenCount) {
        tokensPerRequest = Math.max(0, tokenCount);
    }

    /** Reserves the next request's share of the budget; its ticket says how long it must wait first. */
    synchronized Ticket reserve(Instant now) {
        Duration wait = requests.take(1, now);
        Duration tokenWait = tokens.take(tokensPerRequest, now);
        return new Ticket(wait.compareTo(tokenWait) >= 0 ? wait : tokenWait, 1, tokensPerRequest);
    }

    /** One limit: a level that refills at {@code ratePerSecond} up to {@code limit}; unknown while levelAt is null. */
    private static final class Bucket {
        private double level;
        private Instant levelAt;
        private double limit;
        private double ratePerSecond;
        private Instant resetAt;
        /** What the requests sent and not yet answered hold. */
        private double outstanding;

        void update(long remaining, long limitHeader, Instant reset, double held, Instant now) {
            outstanding -= held;
            if (remaining < 0 || reset == null) {
                levelAt = null;
                return;
            }
            // without a refill rate the level cannot rise by itself: past the reset it is whatever the answer says
            boolean pastUnmodelledReset = ratePerSecond == 0 && resetAt != null && !now.isBefore(resetAt);
            double told = remaining - outstanding;
            if (levelAt == null || pastUnmodelledReset) {
                level = told;
            } else {
                refill(now);
                level = Math.min(level, told);
            }
            double toFull = seconds(now, reset);
            limit = limitHeader >= remaining ? limitHeader : -1;
            ratePerSecond = limit > remaining && toFull > 0 ? (limit - remaining) / toFull : 0;
            resetAt = reset;
            levelAt = now;
        }

        Duration take(double amount, Instant now) {
            outstanding += amount;
            if (levelAt == null) {
                return Duration.ZERO;
            }
            if (ratePerSecond == 0 && !now.isBefore(resetAt)) {
                // a bucket of unknown size is full again: the provider's next answer tells what is left
                levelAt = null;
                return Duration.ZERO;
            }
            refill(now);
            level -= amount;
            if (level >= 0) {
                return Duration.ZERO;
            }
            return ratePerSecond > 0 ? Duration.ofNanos((long) (-level / ratePerSecond * 1e9))
                    : Duration.between(now, resetAt);
        }

        private void refill(Instant now) {
            if (now.isAfter(levelAt)) {
                double refilled = level + ratePerSecond * seconds(levelAt, now);
                level = limit > 0 ? Math.min(limit, refilled) : refilled;
                levelAt = now;
            }
        }

        private static double seconds(Instant from, Instant to) {
            return Duration.between(from, to).toNanos() / 1e9;
        }
    }

    private static long number(Function<String, String> header, String... names) {
        for (String name : names) {
            String value = header.apply(name);
            if (value != null && value.trim().matches("\\d{1,18}")) {
                return Long.parseLong(value.trim());
            }
        }
        return -1;
    }

    /** When the bucket is full again. */
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
