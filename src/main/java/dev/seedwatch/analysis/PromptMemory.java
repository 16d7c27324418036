package dev.seedwatch.analysis;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the runs so far left for one (target, prompt): its baseline, its behaviour memory (the hashed most common
 * texts of its recent complete runs, newest first), its answer baseline, how long it has drifted from the golden
 * run, and for a load probe how many runs in a row it was load sensitive.
 */
public record PromptMemory(Optional<Baseline> baseline, List<RecentText> recentTexts, Optional<AnswerBaseline> answer,
        Optional<GoldenDrift> goldenDrift, OptionalInt loadSensitiveRuns) {

    public static final PromptMemory NONE = new PromptMemory(Optional.empty(), List.of(), Optional.empty(),
            Optional.empty(), OptionalInt.empty());

    public PromptMemory {
        recentTexts = List.copyOf(recentTexts);
    }

    public PromptMemory withBaseline(Baseline value) {
        return new PromptMemory(Optional.of(value), recentTexts, answer, goldenDrift, loadSensitiveRuns);
    }

    public PromptMemory withRecentTexts(List<RecentText> value) {
        return new PromptMemory(baseline, value, answer, goldenDrift, loadSensitiveRuns);
    }

    public PromptMemory withAnswer(AnswerBaseline value) {
        return new PromptMemory(baseline, recentTexts, Optional.of(value), goldenDrift, loadSensitiveRuns);
    }

    public PromptMemory withGoldenDrift(GoldenDrift value) {
        return new PromptMemory(baseline, recentTexts, answer, Optional.of(value), loadSensitiveRuns);
    }

    public PromptMemory withLoadSensitiveRuns(int value) {
        return new PromptMemory(baseline, recentTexts, answer, goldenDrift, OptionalInt.of(value));
    }
}
