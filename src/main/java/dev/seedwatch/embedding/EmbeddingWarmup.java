package dev.seedwatch.embedding;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.PromptKey;

/**
 * Starts loading the embedding model the moment a run first needs it — when a reply differs from an earlier reply
 * of the same prompt or from its baseline — so that its load overlaps the remaining requests, and a run whose
 * replies are all unchanged never loads it at all.
 */
public final class EmbeddingWarmup implements Consumer<ReplayOutcome> {

    private final Map<PromptKey, String> expected = new ConcurrentHashMap<>();
    private final Runnable load;
    private final AtomicBoolean started = new AtomicBoolean();

    /** @param baselines baseline text of each prompt with a comparable baseline */
    public EmbeddingWarmup(Map<PromptKey, String> baselines, Runnable load) {
        this.expected.putAll(baselines);
        this.load = load;
    }

    @Override
    public void accept(ReplayOutcome outcome) {
        if (started.get() || !outcome.succeeded()) {
            return;
        }
        String first = expected.putIfAbsent(new PromptKey(outcome.target(), outcome.prompt()), outcome.text());
        if (first != null && !first.equals(outcome.text()) && started.compareAndSet(false, true)) {
            load.run();
        }
    }
}
