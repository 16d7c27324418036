package dev.seedwatch.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.seedwatch.analysis.AnswerBaseline;
import dev.seedwatch.analysis.BackendRecord;
import dev.seedwatch.analysis.Baseline;
import dev.seedwatch.analysis.GoldenDrift;
import dev.seedwatch.analysis.PromptMemory;
import dev.seedwatch.analysis.RecentText;
import dev.seedwatch.analysis.State;
import dev.seedwatch.analysis.TargetMemory;
import dev.seedwatch.analysis.TokenTotals;
import dev.seedwatch.suite.PromptKey;

/** A previous run's state, remembered piece by piece where a test is about that piece; empty otherwise. */
public final class BuildState {

    private final Map<PromptKey, PromptMemory> prompts = new LinkedHashMap<>();
    private final Map<String, TargetMemory> targets = new LinkedHashMap<>();
    private Double lastSuccess;

    private BuildState() {
    }

    public static BuildState state() {
        return new BuildState();
    }

    public static PromptKey key(String target, String prompt) {
        return new PromptKey(target, prompt);
    }

    public BuildState baseline(String target, String prompt, Baseline value) {
        return prompt(target, prompt, m -> m.withBaseline(value));
    }

    public BuildState answer(String target, String prompt, AnswerBaseline value) {
        return prompt(target, prompt, m -> m.withAnswer(value));
    }

    public BuildState goldenDrift(String target, String prompt, GoldenDrift value) {
        return prompt(target, prompt, m -> m.withGoldenDrift(value));
    }

    public BuildState recentTexts(String target, String prompt, List<RecentText> value) {
        return prompt(target, prompt, m -> m.withRecentTexts(value));
    }

    public BuildState loadSensitiveRuns(String target, String prompt, int value) {
        return prompt(target, prompt, m -> m.withLoadSensitiveRuns(value));
    }

    public BuildState backends(String target, List<BackendRecord> value) {
        targets.put(target, targets.getOrDefault(target, TargetMemory.NONE).withBackends(value));
        return this;
    }

    public BuildState tokens(String target, TokenTotals value) {
        targets.put(target, targets.getOrDefault(target, TargetMemory.NONE).withTokens(value));
        return this;
    }

    public BuildState lastSuccess(double seconds) {
        lastSuccess = seconds;
        return this;
    }

    public State build() {
        return new State(prompts, targets, lastSuccess);
    }

    private BuildState prompt(String target, String prompt, UnaryOperator<PromptMemory> change) {
        prompts.put(key(target, prompt), change.apply(prompts.getOrDefault(key(target, prompt), PromptMemory.NONE)));
        return this;
    }
}
