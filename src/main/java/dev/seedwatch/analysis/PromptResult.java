package dev.seedwatch.analysis;

import java.util.List;

import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Probe;

/**
 * One (target, prompt) of a run: what was sent, every replay, the figures and the baseline they were held against.
 *
 * @param answers the answer figures; null when the prompt has no {@code answer} rule
 * @param answerBaseline the answer baseline they were held against, null when none was comparable
 * @param golden the comparison with the golden run, and why it was skipped if it was
 * @param probe what the prompt probes, null when it is no probe: a probe has no baseline, answers, golden or
 *        text-change figures and stays out of the target's determinism figures (the change tests compare it)
 */
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
        Baseline baseline,
        AnswerFigures answers,
        AnswerBaseline answerBaseline,
        GoldenFigures golden,
        Probe probe) {

    public PromptResult {
        replays = List.copyOf(replays);
    }

    /** A prompt result that is no probe. */
    public PromptResult(String target, String model, String prompt, Expectation expect, String requestHash,
            String requestBody, List<ReplayOutcome> replays, PromptFigures figures, BaselineStatus baselineStatus,
            Baseline baseline, AnswerFigures answers, AnswerBaseline answerBaseline, GoldenFigures golden) {
        this(target, model, prompt, expect, requestHash, requestBody, replays, figures, baselineStatus, baseline,
                answers, answerBaseline, golden, null);
    }

    /** A prompt result without answer rule and without a golden run. */
    public PromptResult(String target, String model, String prompt, Expectation expect, String requestHash,
            String requestBody, List<ReplayOutcome> replays, PromptFigures figures, BaselineStatus baselineStatus,
            Baseline baseline) {
        this(target, model, prompt, expect, requestHash, requestBody, replays, figures, baselineStatus, baseline, null,
                null, GoldenFigures.skipped(GoldenStatus.NOTHING_PINNED, null));
    }
}
