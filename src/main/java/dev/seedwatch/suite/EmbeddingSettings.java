package dev.seedwatch.suite;

import java.net.URI;

/**
 * How replies are embedded: {@code local} runs all-MiniLM-L6-v2 (quantised) in-process, {@code openai} calls
 * {@code POST {base-url}/embeddings}, {@code ngram} counts hashed character 3-grams and words (no model, works in
 * the native executable too).
 */
public record EmbeddingSettings(Provider provider, URI baseUrl, String model, String apiKeyEnv, String apiKey) {

    public enum Provider {
        LOCAL,
        OPENAI,
        NGRAM
    }

    public static EmbeddingSettings local() {
        return of(Provider.LOCAL);
    }

    /** A provider that takes no settings: local or ngram. */
    public static EmbeddingSettings of(Provider provider) {
        return new EmbeddingSettings(provider, null, null, null, null);
    }

    @Override
    public String toString() {
        return "EmbeddingSettings[" + provider + ", " + model + "]";
    }
}
