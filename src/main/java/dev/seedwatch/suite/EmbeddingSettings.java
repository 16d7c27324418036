package dev.seedwatch.suite;

import java.net.URI;

/**
 * How replies are embedded: {@code local} runs all-MiniLM-L6-v2 (quantised) in-process, {@code openai} calls
 * {@code POST {base-url}/embeddings}.
 */
public record EmbeddingSettings(Provider provider, URI baseUrl, String model, String apiKeyEnv, String apiKey) {

    public enum Provider {
        LOCAL,
        OPENAI
    }

    public static EmbeddingSettings local() {
        return new EmbeddingSettings(Provider.LOCAL, null, null, null, null);
    }

    @Override
    public String toString() {
        return "EmbeddingSettings[" + provider + ", " + model + "]";
    }
}
