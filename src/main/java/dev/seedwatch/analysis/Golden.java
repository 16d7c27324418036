package dev.seedwatch.analysis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run a team validated and pinned, kept besides the rolling baseline so that slow drift — many small changes,
 * each below a threshold against the previous run — still shows against what was validated.
 *
 * @param runId the pinned run
 * @param ranAt when the pinned run finished (seedwatch_golden_pinned_timestamp_seconds)
 * @param pinnedAt when it was pinned
 * @param targets per target name: its model, fingerprints and served models in the pinned run
 * @param prompts per target name and prompt id: the fully measured prompts of the pinned run
 */
public record Golden(int version, String runId, String suite, String shard, Instant ranAt, Instant pinnedAt,
        Map<String, Target> targets, Map<String, Map<String, Prompt>> prompts) {

    public static final int VERSION = 1;

    public Golden {
        targets = targets == null ? Map.of() : new LinkedHashMap<>(targets);
        Map<String, Map<String, Prompt>> copy = new LinkedHashMap<>();
        if (prompts != null) {
            prompts.forEach((t, p) -> copy.put(t, new LinkedHashMap<>(p)));
        }
        prompts = copy;
    }

    public record Target(String model, List<String> fingerprints, List<String> servedModels) {

        public Target {
            fingerprints = List.copyOf(fingerprints);
            servedModels = List.copyOf(servedModels);
        }
    }

    /**
     * @param answerRule the rule that read {@code answer}; both null when the prompt had none
     */
    public record Prompt(String requestHash, String text, String answerRule, String answer) {
    }

    public Prompt prompt(String target, String prompt) {
        return prompts.getOrDefault(target, Map.of()).get(prompt);
    }
}
