package dev.seedwatch.suite;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API a target speaks, as the suite loader needs to know it: how the key is sent, which headers every request
 * carries, where the API lives by default, which settings it takes and which body fields it writes itself. Each
 * provider ({@code dev.seedwatch.provider}) owns its type; the loader sees them all through {@link TargetTypes}.
 *
 * @param label the suite's name for the type, e.g. {@code openai-responses}
 * @param key how the API key is sent
 * @param fixedHeaders headers every request carries besides the key (the API version Anthropic requires)
 * @param defaultBaseUrl the base URL when a target names none; empty when the type has no single home (self-hosted
 *        servers)
 * @param features the settings the API takes
 * @param bodyFields the request body fields the provider writes from the suite's own fields, which a suite's
 *        {@code params} therefore must not set
 */
public record TargetType(String label, Key key, Map<String, String> fixedHeaders, Optional<URI> defaultBaseUrl,
        Set<Feature> features, Set<String> bodyFields) {

    public TargetType {
        fixedHeaders = Map.copyOf(fixedHeaders);
        features = Set.copyOf(features);
        bodyFields = Set.copyOf(bodyFields);
    }

    /**
     * The header that carries the API key, and what goes before the key in it.
     *
     * @param header e.g. {@code Authorization}
     * @param prefix e.g. {@code "Bearer "}; empty for a bare key
     */
    public record Key(String header, String prefix) {
    }

    /** What an API may take besides messages, temperature and top-p. */
    public enum Feature {
        /** A sampling seed; a seed set for a type that takes none is not sent. */
        SEED,
        /** Per-token log probabilities (a target's {@code logprobs}, {@code probe: logprobs}). */
        LOGPROBS,
        /** A token limit, which every request must carry. */
        REQUIRED_MAX_TOKENS,
        /** An {@code api-version} query on the path, which every target of the type must name. */
        API_VERSION
    }

    /** The header that carries the API key. */
    public String keyHeader() {
        return key.header();
    }

    /** The value of {@link #keyHeader()} for a key. */
    public String keyValue(String apiKey) {
        return key.prefix() + apiKey;
    }

    /** Whether the API takes a sampling seed. */
    public boolean acceptsSeed() {
        return features.contains(Feature.SEED);
    }

    /** Whether every request must carry a token limit. */
    public boolean requiresMaxTokens() {
        return features.contains(Feature.REQUIRED_MAX_TOKENS);
    }

    /** Whether the API can return per-token log probabilities. */
    public boolean acceptsLogprobs() {
        return features.contains(Feature.LOGPROBS);
    }

    /** Whether the path carries an {@code api-version} query. */
    public boolean requiresApiVersion() {
        return features.contains(Feature.API_VERSION);
    }

    @Override
    public String toString() {
        return label;
    }
}
