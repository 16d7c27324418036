package dev.seedwatch.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.seedwatch.provider.Anthropic;
import dev.seedwatch.provider.ChatCompletions;
import dev.seedwatch.provider.Gemini;
import dev.seedwatch.suite.TargetType;

/**
 * A provider's request limiter, as each kind of real provider runs it and tells of it, for a fake server to apply
 * to every request it receives. Every kind lets {@code perSecond} requests a second through on average.
 */
public final class FakeLimiter {

    /** The limiters real providers run. */
    public enum Kind {
        /** OpenAI: a bucket of one second's requests refilled continuously; limit, remaining, reset (Go duration). */
        OPENAI(ChatCompletions.OPENAI),
        /** Anthropic: the same bucket; {@code anthropic-ratelimit-*}, the reset an RFC 3339 time (milliseconds). */
        ANTHROPIC(Anthropic.TYPE),
        /**
         * Azure: fixed 10 s windows of 8 s worth of requests, only {@code x-ratelimit-remaining-requests}, and a 429
         * (with {@code retry-after} and {@code retry-after-ms} to the window's end) once 10 before the remaining
         * says 0.
         */
        AZURE(ChatCompletions.AZURE),
        /** Fixed 1 s windows; limit, remaining, and the reset at the window's end (Go duration). */
        WINDOW_1S(ChatCompletions.OPENAI),
        /** Gemini: the bucket, no headers; a 429 RESOURCE_EXHAUSTED with RetryInfo and QuotaFailure. */
        GEMINI(Gemini.TYPE),
        /** A gateway in front of the bucket sending {@code -1} for limit and remaining, and 429s without a wait. */
        GATEWAY(ChatCompletions.OPENAI);

        private final TargetType type;

        Kind(TargetType type) {
            this.type = type;
        }

        /** The target type that speaks to this provider. */
        public TargetType type() {
            return type;
        }

        /** Whether it limits by fixed windows (else a continuous bucket). */
        public boolean windowed() {
            return this == AZURE || this == WINDOW_1S;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Whether a request goes through, the headers of its answer, and the body of a 429. */
    public record Decision(boolean admitted, Map<String, String> headers, String errorBody) {
    }

    private static final int AZURE_EARLY = 10;

    private final Kind kind;
    private final double perSecond;
    private final long startNanos;
    private final Instant startWall;
    private double level;
    private long levelNanos;
    private long window = -1;
    /** Windows count from the first request, so that a run's first window is a whole one. */
    private long windowsFrom = -1;
    private int windowCount;
    private int windowsUsed;

    public FakeLimiter(Kind kind, double perSecond) {
        this.kind = kind;
        this.perSecond = perSecond;
        this.startNanos = System.nanoTime();
        this.startWall = Instant.now();
        this.level = perSecond;
        this.levelNanos = startNanos;
    }

    public Kind kind() {
        return kind;
    }

    /** How many requests the limiter let through from its start to {@code nanos}, used at once where it could. */
    public double allowed(long firstNanos, long lastNanos) {
        if (kind.windowed()) {
            return windowsUsed * (windowLimit() - (kind == Kind.AZURE ? AZURE_EARLY : 0));
        }
        return perSecond + perSecond * (lastNanos - firstNanos) / 1e9;
    }

    public synchronized Decision admit(long nanos) {
        return kind.windowed() ? window(nanos) : bucket(nanos);
    }

    private double windowSeconds() {
        return kind == Kind.AZURE ? 10 : 1;
    }

    private int windowLimit() {
        return (int) Math.round(perSecond * windowSeconds() * (kind == Kind.AZURE ? 0.8 : 1));
    }

    private Decision window(long nanos) {
        if (windowsFrom < 0) {
            windowsFrom = nanos;
        }
        double seconds = (nanos - windowsFrom) / 1e9;
        long current = (long) (seconds / windowSeconds());
        if (current != window) {
            window = current;
            windowCount = 0;
        }
        double toEnd = (current + 1) * windowSeconds() - seconds;
        int limit = windowLimit();
        boolean admitted = windowCount < limit - (kind == Kind.AZURE ? AZURE_EARLY : 0);
        if (admitted) {
            if (windowCount == 0) {
                windowsUsed++;
            }
            windowCount++;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-remaining-requests", Integer.toString(limit - windowCount));
        if (kind == Kind.WINDOW_1S) {
            headers.put("x-ratelimit-limit-requests", Integer.toString(limit));
            headers.put("x-ratelimit-reset-requests", goDuration(toEnd));
        } else if (!admitted) {
            headers.put("retry-after", Long.toString((long) Math.ceil(toEnd)));
            headers.put("retry-after-ms", Long.toString((long) Math.ceil(toEnd * 1000)));
        }
        return new Decision(admitted, headers, admitted ? null : FakeOpenAi.fixtureText("error-429.json"));
    }

    private Decision bucket(long nanos) {
        level = Math.min(perSecond, level + (nanos - levelNanos) / 1e9 * perSecond);
        levelNanos = nanos;
        boolean admitted = level >= 1;
        if (admitted) {
            level -= 1;
        }
        double toFull = (perSecond - level) / perSecond;
        double toOne = admitted ? 0 : (1 - level) / perSecond;
        Map<String, String> headers = new LinkedHashMap<>();
        String body = FakeOpenAi.fixtureText("error-429.json");
        switch (kind) {
            case OPENAI -> {
                headers.put("x-ratelimit-limit-requests", Long.toString(Math.round(perSecond)));
                headers.put("x-ratelimit-remaining-requests", Long.toString((long) level));
                headers.put("x-ratelimit-reset-requests", goDuration(toFull));
            }
            case ANTHROPIC -> {
                Instant full = startWall.plusNanos(nanos - startNanos).plusNanos((long) (toFull * 1e9));
                headers.put("anthropic-ratelimit-requests-limit", Long.toString(Math.round(perSecond)));
                headers.put("anthropic-ratelimit-requests-remaining", Long.toString((long) level));
                headers.put("anthropic-ratelimit-requests-reset",
                        full.truncatedTo(ChronoUnit.MILLIS).toString());
                if (!admitted) {
                    headers.put("retry-after", Long.toString((long) Math.ceil(toOne)));
                }
                body = FakeOpenAi.fixtureText("anthropic-error-429.json");
            }
            case GEMINI -> body = "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\",\"status\":"
                    + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\","
                    + "\"violations\":[{\"quotaMetric\":\"generativelanguage.googleapis.com/generate_content_requests\","
                    + "\"quotaId\":\"GenerateRequestsPerMinutePerProjectPerModel\",\"quotaValue\":\""
                    + Math.round(perSecond * 60) + "\"}]},{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                    + "\"retryDelay\":\"" + String.format(Locale.ROOT, "%.3fs", toOne) + "\"}]}}";
            default -> {
                headers.put("x-ratelimit-limit-requests", "-1");
                headers.put("x-ratelimit-remaining-requests", "-1");
            }
        }
        return new Decision(admitted, headers, admitted ? null : body);
    }

    /** As OpenAI writes them: {@code 6m0s}, {@code 1.5s}, {@code 120ms}. */
    public static String goDuration(double seconds) {
        if (seconds < 1) {
            return Math.round(seconds * 1000) + "ms";
        }
        long minutes = (long) (seconds / 60);
        String rest = String.format(Locale.ROOT, "%.3fs", seconds - minutes * 60).replaceAll("\\.?0+s$", "s");
        return minutes > 0 ? minutes + "m" + rest : rest;
    }
}
