package dev.seedwatch.analysis;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.suite.PromptKey;

/**
 * What one run leaves for the next: the memory of each (target, prompt) and of each target, and the last success
 * time that a failed run carries forward. Maps keep the order in which keys were first remembered.
 *
 * @param lastSuccessTimestampSeconds null until a run succeeded
 */
public record State(Map<PromptKey, PromptMemory> prompts, Map<String, TargetMemory> targets,
        Double lastSuccessTimestampSeconds) {

    public static State empty() {
        return new State(Map.of(), Map.of(), null);
    }

    public State {
        prompts = Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    public PromptMemory prompt(PromptKey key) {
        return prompts.getOrDefault(key, PromptMemory.NONE);
    }

    public TargetMemory target(String name) {
        return targets.getOrDefault(name, TargetMemory.NONE);
    }

    /**
     * The baseline text of each planned prompt whose baseline a run with this embedding model would compare
     * against.
     */
    public Map<PromptKey, String> comparableBaselineTexts(List<PlannedRequest> plan, String embeddingModel) {
        Map<PromptKey, String> texts = new HashMap<>();
        for (PlannedRequest r : plan) {
            prompt(r.key()).baseline()
                    .filter(b -> b.requestHash().equals(r.bodyHash()) && b.embeddingModel().equals(embeddingModel))
                    .ifPresent(b -> texts.put(r.key(), b.text()));
        }
        return texts;
    }
}
