package dev.seedwatch.analysis;

import java.util.List;

import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Expectation;

/** One (target, prompt) of a run: what was sent, every replay, the figures and the baseline they were held against. */
public record PromptResult(
        String target,
        String model,
        String prompt,
        Expectation expect,
        String requestHash,
        String requestBody,
        List<ReplayOutcome> replays,
        PromptFigures figures,
        BaselineStatus baselineStatus,
        Baseline baseline) {

    public PromptResult {
        replays = List.copyOf(replays);
    }

    /** The same prompt with other copies of its replays (the report's, with capped texts). */
    public PromptResult withReplays(List<ReplayOutcome> others) {
        return new PromptResult(target, model, prompt, expect, requestHash, requestBody, others, figures,
                baselineStatus, baseline);
    }
}
