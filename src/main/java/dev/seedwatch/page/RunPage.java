package dev.seedwatch.page;

import java.util.List;

/**
 * What the run page shows, built from a run report (and the reports kept before it); every text in it is escaped
 * when rendered.
 *
 * @param changedPrompts deterministic prompts whose most common text (or answer, or golden comparison) changed
 * @param sameModel per target with probes, "is it still the same model?"; detected changes first
 */
public record RunPage(String suite, String runId, String startedAt, String outcome, int exitCode, boolean success,
        String duration, List<TargetView> targets, List<PromptView> prompts, List<String> problems,
        long changedPrompts, List<SameModel> sameModel) {

    /** A detected model change on some target: the page opens with it. */
    public boolean modelChanged() {
        return sameModel.stream().anyMatch(SameModel::detected);
    }

    /**
     * One target's change tests against its reference.
     *
     * @param verdict one sentence: the evidence against 1/alpha and the reference, or why nothing was tested
     * @param pValues per test its p-value this run, only the tests that ran
     * @param history an inline SVG of the evidence over the kept runs (numbers only); empty when no kept run has any
     * @param moved the probes with the smallest per-probe p-values, smallest first
     * @param tokens per logprobs probe, the tokens whose mean log probability moved most
     * @param leftOut probes left out of the tests, with why
     */
    public record SameModel(String target, boolean detected, String verdict, List<Figure> pValues, String history,
            List<MovedProbe> moved, List<ProbeTokens> tokens, List<Figure> leftOut) {
    }

    /** One probe tested alone by one test, unadjusted. */
    public record MovedProbe(String probe, String test, String pValue) {
    }

    public record ProbeTokens(String probe, List<TokenMove> moves) {
    }

    /** A token of a logprobs probe, reference → this run: mean log probability and share of replies listing it. */
    public record TokenMove(String token, String before, String after, String shareBefore, String shareAfter) {
    }

    /** A value of a target this run or the previous one; {@code status} is new, kept or gone. */
    public record Seen(String value, String status) {
    }

    public record TargetView(String name, String model, List<Seen> fingerprints, List<Seen> servedModels,
            String agreement, boolean backendChanged) {
    }

    /** A distinct reply: how many replays gave it, and what follows the prefix all replies share. */
    public record Reply(int count, String rest) {
    }

    /** A run of words of a word-level diff: {@code kind} is same, inserted or deleted. */
    public record Words(String kind, String text) {
    }

    public record Failure(int index, String reason, String error) {
    }

    public record Figure(String label, String value) {
    }

    /**
     * A load probe: its isolated replays (sent one at a time) against its burst (sent together).
     *
     * @param sensitive identical alone and different together
     */
    public record LoadProbe(String isolated, String burst, boolean sensitive, String verdict) {
    }

    /** The token a distinct reply took where the replies part, its log probability, and how many replies took it. */
    public record Alternative(String token, String logprob, int replies) {
    }

    /** Where the replies part token by token: the token index and the margin of the most common reply there. */
    public record Split(int token, String margin, List<Alternative> alternatives) {
    }

    /** The comparison with the pinned golden run; {@code changed} when the reply or its answer differs. */
    public record GoldenView(String runId, boolean changed, String detail) {
    }

    /**
     * @param changed a deterministic prompt whose reply, answer or golden comparison changed (a nondeterministic
     *        prompt is expected to change: never changed here)
     * @param figures the prompt's figures as label and value, in the order shown
     * @param diffGranularity what the diff against the baseline compares: word, sentence or line
     * @param history an inline SVG of the prompt's last runs (numbers only, no reply text)
     * @param loadProbe null unless the prompt is a load probe
     * @param split null unless the replies part and token data say where
     * @param golden null when no golden run is pinned
     * @param answerWarning null unless an answer rule matched none of the replies
     */
    public record PromptView(String target, String prompt, String expect, boolean changed, List<Figure> figures,
            String commonPrefix, List<Reply> replies, int replays, List<Words> againstBaseline, String baselineRun,
            List<Failure> failures, String history, String diffGranularity, LoadProbe loadProbe, Split split,
            GoldenView golden, String answerWarning) {
    }
}
