package dev.seedwatch.suite;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The API a target speaks, with the facts the suite loader needs about it: how the key is sent, which headers every
 * request carries, where the API lives by default and which settings it takes. How requests and answers look is the
 * provider's ({@code dev.seedwatch.provider.Providers}).
 */
public enum TargetType {
    /** {@code POST {base-url}/chat/completions} with a bearer key. */
    OPENAI("Authorization", "Bearer ", Map.of(), null, true, false),
    /** {@code POST {base-url}/chat/completions?api-version=…} with an {@code api-key} header. */
    AZURE("api-key", "", Map.of(), null, true, false),
    /** {@code POST {base-url}/responses}: OpenAI's Responses API, which takes no seed. */
    OPENAI_RESPONSES("Authorization", "Bearer ", Map.of(), null, false, false),
    /** {@code POST {base-url}/messages}: Anthropic's Messages API; no seed, and the token limit is mandatory. */
    ANTHROPIC("x-api-key", "", Map.of("anthropic-version", "2023-06-01"), "https://api.anthropic.com/v1", false,
            true),
    /** {@code POST {base-url}/models/{model}:generateContent}: Gemini's native API, seed in generationConfig. */
    GEMINI("x-goog-api-key", "", Map.of(), "https://generativelanguage.googleapis.com/v1beta", true, false);

    private final String keyHeader;
    private final String keyPrefix;
    private final Map<String, String> fixedHeaders;
    private final URI defaultBaseUrl;
    private final boolean acceptsSeed;
    private final boolean requiresMaxTokens;

    TargetType(String keyHeader, String keyPrefix, Map<String, String> fixedHeaders, String defaultBaseUrl,
            boolean acceptsSeed, boolean requiresMaxTokens) {
        this.keyHeader = keyHeader;
        this.keyPrefix = keyPrefix;
        this.fixedHeaders = fixedHeaders;
        this.defaultBaseUrl = defaultBaseUrl == null ? null : URI.create(defaultBaseUrl);
        this.acceptsSeed = acceptsSeed;
        this.requiresMaxTokens = requiresMaxTokens;
    }

    /** The suite's name for the type, e.g. {@code openai-responses}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The header that carries the API key. */
    public String keyHeader() {
        return keyHeader;
    }

    /** The value of {@link #keyHeader()} for a key. */
    public String keyValue(String key) {
        return keyPrefix + key;
    }

    /** Headers every request of this type carries besides the key (the API version Anthropic requires). */
    public Map<String, String> fixedHeaders() {
        return fixedHeaders;
    }

    /** The base URL when a target names none; null when the type has no single home (self-hosted servers). */
    public URI defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Whether the API takes a sampling seed; a seed set for a type that takes none is not sent. */
    public boolean acceptsSeed() {
        return acceptsSeed;
    }

    /** Whether every request must carry a token limit. */
    public boolean requiresMaxTokens() {
        return requiresMaxTokens;
    }

    /**
     * Whether the API can return per-token log probabilities (a target's {@code logprobs}). Exhaustive on purpose:
     * a new type must say whether it has them (Anthropic's Messages API has none).
     */
    public boolean acceptsLogprobs() {
        return switch (this) {
            case OPENAI, AZURE, OPENAI_RESPONSES, GEMINI -> true;
            case ANTHROPIC -> false;
        };
    }

    /** Whether the path carries an {@code api-version} query. */
    public boolean requiresApiVersion() {
        return this == AZURE;
    }
}
