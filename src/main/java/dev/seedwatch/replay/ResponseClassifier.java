package dev.seedwatch.replay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns one HTTP exchange (or the exception instead of one) into a completion or a classified failure. The rules:
 * 429 rate_limited, 500/502/503/504 server_error and unreadable 200s bad_response are transient; 401/403 auth, 404
 * not_found and a 400 that rejects {@code seed} are fatal for the target; other 4xx client_error;
 * {@code finish_reason: content_filter} content_filter.
 */
final class ResponseClassifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Redactor redactor;

    ResponseClassifier(Redactor redactor) {
        this.redactor = redactor;
    }

    /** A successful attempt's parsed parts. */
    record Completion(String text, String finishReason, Fingerprint fingerprint, String servedModel,
            Long promptTokens, Long completionTokens) {
    }

    Completion classify(int status, String body, String retryAfterHeader) {
        if (status == 200 || status == 201) {
            return parseCompletion(status, body);
        }
        String message = redactor.redact(errorMessage(body));
        Duration retryAfter = parseRetryAfter(retryAfterHeader);
        FailureReason reason;
        if (status == 429) {
            reason = FailureReason.RATE_LIMITED;
        } else if (status == 500 || status == 502 || status == 503 || status == 504) {
            reason = FailureReason.SERVER_ERROR;
        } else if (status == 408) {
            reason = FailureReason.TIMEOUT;
        } else if (status == 401 || status == 403) {
            reason = FailureReason.AUTH;
        } else if (status == 404) {
            reason = FailureReason.NOT_FOUND;
        } else if (status == 400 && rejectsSeed(body)) {
            reason = FailureReason.SEED_UNSUPPORTED;
        } else if (status >= 400 && status < 500) {
            reason = FailureReason.CLIENT_ERROR;
        } else {
            // 501, 505… and odd 1xx/3xx: not a transient fault we could wait out
            reason = status >= 500 ? FailureReason.SERVER_ERROR : FailureReason.BAD_RESPONSE;
            throw new AttemptFailure(reason, status, null, "HTTP " + status + ": " + message);
        }
        throw new AttemptFailure(reason, status, retryAfter, "HTTP " + status + ": " + message);
    }

    private Completion parseCompletion(int status, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new AttemptFailure(FailureReason.BAD_RESPONSE, status, null,
                    "response is not valid JSON: " + redactor.redact(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new AttemptFailure(FailureReason.BAD_RESPONSE, status, null, "response is not a JSON object");
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new AttemptFailure(FailureReason.BAD_RESPONSE, status, null, "response has no choices");
        }
        JsonNode choice = choices.get(0);
        String finishReason = textOrNull(choice.get("finish_reason"));
        if ("content_filter".equals(finishReason)) {
            throw new AttemptFailure(FailureReason.CONTENT_FILTER, status, null,
                    "finish_reason content_filter: the provider withheld the reply");
        }
        JsonNode content = choice.path("message").get("content");
        if (content == null || !content.isTextual()) {
            throw new AttemptFailure(FailureReason.BAD_RESPONSE, status, null, "response has no message content");
        }
        Fingerprint fingerprint;
        if (!root.has("system_fingerprint")) {
            fingerprint = Fingerprint.MISSING;
        } else if (root.get("system_fingerprint").isNull()) {
            fingerprint = Fingerprint.NULL;
        } else {
            fingerprint = Fingerprint.of(root.get("system_fingerprint").asText());
        }
        JsonNode usage = root.path("usage");
        return new Completion(content.asText(), finishReason, fingerprint, textOrNull(root.get("model")),
                longOrNull(usage.get("prompt_tokens")), longOrNull(usage.get("completion_tokens")));
    }

    AttemptFailure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AttemptFailure failure) {
                return failure;
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
        String message = t.getMessage() == null ? "" : ": " + t.getMessage();
        return redactor.redact(t.getClass().getSimpleName() + message);
    }

    private static boolean rejectsSeed(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if ("seed".equals(error.path("param").asText())) {
                return true;
            }
            return error.path("message").asText().toLowerCase(Locale.ROOT).matches("(?s).*\\bseed\\b.*");
        } catch (IOException | RuntimeException e) {
            return body != null && body.toLowerCase(Locale.ROOT).matches("(?s).*\\bseed\\b.*");
        }
    }

    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode message = root.path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
            if (root.path("error").isTextual()) {
                return root.path("error").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the raw text below
        }
        return body.strip();
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String header) {
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

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Long longOrNull(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asLong();
    }
}
