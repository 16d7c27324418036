package dev.seedwatch.embedding;

import java.util.Map;
import java.util.function.Consumer;

import io.vertx.core.Vertx;

import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.EmbeddingSettings;
import dev.seedwatch.suite.PromptKey;

/** The embedder a suite asks for, and when to start loading it. */
public final class Embedders {

    private Embedders() {
    }

    public static Embedder of(EmbeddingSettings settings, Vertx vertx) {
        return switch (settings.provider()) {
            case OPENAI -> new OpenAiEmbedder(vertx, settings);
            case NGRAM -> new NgramEmbedder();
            case LOCAL -> new LocalEmbedder();
        };
    }

    /** The model id {@link #of} gives, known before anything is loaded. */
    public static String modelId(EmbeddingSettings settings) {
        return switch (settings.provider()) {
            case OPENAI -> OpenAiEmbedder.modelId(settings.model());
            case NGRAM -> NgramEmbedder.MODEL_ID;
            case LOCAL -> LocalEmbedder.MODEL_ID;
        };
    }

    /**
     * What to tell of each reply so that the local model is loaded only once a reply shows there is something to
     * embed (see {@link EmbeddingWarmup}); a remote embedder needs no warm-up.
     *
     * @param baselines the comparable baseline text of each (target, prompt), of a comparable baseline
     */
    public static Consumer<ReplayOutcome> warmup(EmbeddingSettings settings, Map<PromptKey, String> baselines) {
        if (settings.provider() != EmbeddingSettings.Provider.LOCAL) {
            return outcome -> { };
        }
        return new EmbeddingWarmup(baselines, LocalEmbedder::preload);
    }
}
