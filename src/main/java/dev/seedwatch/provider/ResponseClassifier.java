package dev.seedwatch.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Causes;
import dev.seedwatch.support.HttpPeer;
import dev.seedwatch.support.Json;
import dev.seedwatch.support.Redactor;

/**
 * Turns one HTTP exchange (or the exception instead of one) into a completion or a classified failure, the same way
 * for every provider: 429 rate_limited, 500/502/503/504 server_error and unreadable 2xx bad_response are transient;
 * 401/403 auth and 404 not_found are fatal for the target; other 4xx client_error. The {@link Provider} reads the
 * completion and names the reasons particular to its API (a 400 rejecting {@code seed}, a content filter).
 */
public final class ResponseClassifier {

    private final Provider provider;
    private final Redactor redactor;

    public ResponseClassifier(Provider provider, Redactor redactor) {
        this.provider = provider;
        this.redactor = redactor;
    }

    /**
     * @param header the answer's header value by (case-insensitive) name, or null
     */
    public Completion classify(int status, String body, Function<String, String> header) {
        if (status == 200 || status == 201) {
            return parseCompletion(status, body);
        }
        JsonNode error = errorTree(body);
        String message = redactor.redact(errorMessage(body, error));
        Duration retryAfter = retryAfterMillis(header.apply("retry-after-ms"));
        if (retryAfter == null) {
            retryAfter = parseRetryAfter(header.apply("Retry-After"));
        }
        if (retryAfter == null) {
            retryAfter = provider.retryDelay(error);
        }
        FailureReason stated = provider.errorReason(status, error);
        FailureReason reason;
        if (stated != null) {
            reason = stated;
        } else if (status == 429) {
            reason = FailureReason.RATE_LIMITED;
        } else if (status == 500 || status == 502 || status == 503 || status == 504) {
            reason = FailureReason.SERVER_ERROR;
        } else if (status == 408) {
            reason = FailureReason.TIMEOUT;
        } else if (status == 401 || status == 403) {
            reason = FailureReason.AUTH;
        } else if (status == 404) {
            reason = FailureReason.NOT_FOUND;
        } else if (status >= 400 && status < 500) {
            reason = FailureReason.CLIENT_ERROR;
        } else if (status >= 300 && status < 400) {
            // following it would send the key to wherever the answer points
            throw AttemptFailure.notRetried(FailureReason.CLIENT_ERROR, status, "HTTP " + status + ": redirect to "
                    + redirectHost(header.apply("Location")) + " not followed");
        } else {
            // 501, 505… and odd 1xx/3xx: not a transient fault we could wait out
            reason = status >= 500 ? FailureReason.SERVER_ERROR : FailureReason.BAD_RESPONSE;
            throw new AttemptFailure(reason, status, null, "HTTP " + status + ": " + message);
        }
        throw new AttemptFailure(reason, status, retryAfter, "HTTP " + status + ": " + message);
    }

    /**
     * What the answer says about the target's rate limits: its provider's headers and, for a 429, the quota its body
     * names.
     */
    public RateLimits rateLimits(int status, String body, Function<String, String> header, Instant now) {
        RateLimits limits = provider.rateLimits(header, now);
        if (status != 429) {
            return limits;
        }
        return new RateLimits(limits.requests(), limits.tokens(), provider.quotaPerSecond(errorTree(body)));
    }

    private Completion parseCompletion(int status, String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AttemptFailure(FailureReason.BAD_RESPONSE, status, null,
                    "response is not valid JSON: " + redactor.redact(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new AttemptFailure(FailureReason.BAD_RESPONSE, status, null, "response is not a JSON object");
        }
        try {
            return ProviderStrings.clean(provider.completion(root), redactor);
        } catch (AttemptFailure f) {
            throw f.withStatus(status);
        }
    }

    /** @throws RunAbort when the chain holds an {@link Error}: that is the JVM failing, not an answer */
    public AttemptFailure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RunAbort abort) {
                throw abort;
            }
            if (t instanceof Error fatal) {
                throw new RunAbort(fatal);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AttemptFailure failure) {
                return failure;
            }
            if (t instanceof HttpPeer.TooLarge) {
                return AttemptFailure.notRetried(FailureReason.BAD_RESPONSE, null, t.getMessage());
            }
            String name = t.getClass().getName().toLowerCase(Locale.ROOT);
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (name.contains("timeout") || message.contains("timed out") || message.contains("timeout")) {
                return new AttemptFailure(FailureReason.TIMEOUT, null, null, describe(t));
            }
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof UnknownHostException
                    || t instanceof ClosedChannelException || name.contains("closed")
                    || message.contains("connection")) {
                return new AttemptFailure(FailureReason.CONNECTION, null, null, describe(t));
            }
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        FailureReason reason = root instanceof IOException ? FailureReason.CONNECTION : FailureReason.BAD_RESPONSE;
        return new AttemptFailure(reason, null, null, describe(root));
    }

    private String describe(Throwable t) {
        return redactor.redact(Causes.describe(t));
    }

    /** Only the host of a redirect's target: its path or query may carry a token. */
    private static String redirectHost(String location) {
        if (location == null || location.isBlank()) {
            return "(no Location)";
        }
        try {
            URI uri = URI.create(location.trim());
            return uri.getHost() != null ? uri.getHost() : "the same host";
        } catch (IllegalArgumentException e) {
            return "(unreadable Location)";
        }
    }

    /** The error body as JSON; a text node holding the raw body when it is not JSON. */
    private static JsonNode errorTree(String body) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.getNodeFactory().textNode("");
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            return tree == null ? Json.MAPPER.getNodeFactory().textNode(body) : tree;
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(body);
        }
    }

    private static String errorMessage(String body, JsonNode error) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        JsonNode message = error.path("error").path("message");
        if (message.isTextual()) {
            return message.asText();
        }
        if (error.path("error").isTextual()) {
            return error.path("error").asText();
        }
        return body.strip();
    }

    /** {@code retry-after-ms} (OpenAI, Azure): more precise than {@code Retry-After}, so read first. */
    static Duration retryAfterMillis(String header) {
        if (header == null || !header.trim().matches("\\d{1,12}(\\.\\d+)?")) {
            return null;
        }
        return Duration.ofNanos((long) (Double.parseDouble(header.trim()) * 1_000_000));
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
