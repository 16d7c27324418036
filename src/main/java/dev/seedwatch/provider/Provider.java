package dev.seedwatch.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.Target;
import dev.seedwatch.suite.TargetType;

/**
 * How one target type speaks to its API: the request it sends for a prompt, where it sends it, and how its answers
 * read. Everything HTTP-generic (status codes, retry hints, transport faults) is {@link ResponseClassifier}'s; a
 * provider only says what is particular to its API. One implementation (or instance) per target type, registered in
 * {@link Providers}.
 */
public interface Provider {

    /** The type a suite names to speak this API, with what the loader needs to know of it. */
    TargetType type();

    /** The request body of one prompt; it is serialised once, so every replay sends the same bytes. */
    ObjectNode body(Target target, Prompt prompt);

    /** Path and query below the target's base URL, e.g. {@code chat/completions}. */
    String path(Target target);

    /**
     * Reads a successful answer.
     *
     * @throws AttemptFailure when the answer holds no completion (withheld by a filter, or not the expected shape)
     */
    Completion completion(JsonNode answer);

    /**
     * The reason an error answer gives beyond its HTTP status (a 400 rejecting {@code seed}), or null to classify
     * it by status alone.
     */
    default FailureReason errorReason(int status, JsonNode error) {
        return null;
    }

    /** A wait the provider asks for in an error body (e.g. Gemini's {@code RetryInfo}); null when it names none. */
    default Duration retryDelay(JsonNode error) {
        return null;
    }

    /**
     * What an answer's headers say about the target's rate limits, in this provider's own header names and formats;
     * {@link RateLimits#NONE} for a provider that sends none.
     *
     * @param header the answer's header value by (case-insensitive) name, or null
     * @param now when the answer arrived: relative resets count from it
     */
    default RateLimits rateLimits(Function<String, String> header, Instant now) {
        return RateLimits.NONE;
    }

    /** The request rate per second a 429's body names as the quota it exceeded; empty when it names none. */
    default OptionalDouble quotaPerSecond(JsonNode error) {
        return OptionalDouble.empty();
    }
}
