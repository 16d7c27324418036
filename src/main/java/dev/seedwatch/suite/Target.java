package dev.seedwatch.suite;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API endpoint and model to replay against. {@code headers} already holds resolved values (API key included),
 * so a Target must never be logged or serialised as a whole.
 *
 * @param logprobs top log probabilities to ask for per token (1–20), or null to ask for none
 * @param maxResponseBytes this target's cap on one answer's size, or null for {@code seedwatch.max-response-bytes}
 */
public record Target(String name, TargetType type, URI baseUrl, String apiVersion, String model, String apiKeyEnv,
        List<Header> headerSpecs, Integer concurrency, Integer requestsPerMinute, Duration timeout,
        SecretHeaders secretHeaders, Long maxResponseBytes, Integer logprobs) {

    public Target {
        headerSpecs = List.copyOf(headerSpecs);
    }

    /** The headers to send, credentials included; kept in a wrapper whose toString hides the values. */
    public record SecretHeaders(Map<String, String> values) {
        public SecretHeaders {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String toString() {
            return "SecretHeaders" + values.keySet();
        }
    }

    @Override
    public String toString() {
        return "Target[" + name + ", " + type + ", " + model + "]";
    }
}
