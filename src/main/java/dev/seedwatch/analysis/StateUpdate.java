package dev.seedwatch.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedwatch.suite.PromptKey;

/**
 * The state a run leaves behind, as a pure function of the previous state and the run. A (target, prompt) becomes
 * the new baseline (text and answer) only when all its planned replays succeeded; otherwise the previous baseline
 * stays, and so does its golden drift count. A target's backend memory records only runs in which it answered at
 * all.
 */
public final class StateUpdate {

    /**
     * Backend records kept per target, and recent texts per prompt; the memory compared against is the newest
     * {@code fingerprint-memory}.
     */
    static final int BACKEND_HISTORY = 20;

    private StateUpdate() {
    }

    public static State next(State previous, RunResult run, boolean success) {
        Map<PromptKey, PromptMemory> prompts = new LinkedHashMap<>(previous.prompts());
        for (PromptResult p : run.prompts()) {
            PromptKey key = new PromptKey(p.target(), p.prompt());
            PromptMemory memory = next(previous.prompt(key), p, run);
            // a prompt that never left anything to remember stays out of the file
            if (!memory.equals(PromptMemory.NONE)) {
                prompts.put(key, memory);
            }
        }
        Map<String, TargetMemory> targets = new LinkedHashMap<>(previous.targets());
        for (TargetResult t : run.targets()) {
            targets.put(t.target(), next(previous.target(t.target()), t, run));
        }
        Double lastSuccess = success ? Double.valueOf(run.finishedAt().toEpochMilli() / 1000.0)
                : previous.lastSuccessTimestampSeconds();
        return new State(prompts, targets, lastSuccess);
    }

    private static PromptMemory next(PromptMemory memory, PromptResult p, RunResult run) {
        PromptMemory next = memory;
        // a probe has no baseline: its reference is the change tests' (ChangeState)
        if (p.probe() == null && p.figures().counts().complete()) {
            String text = p.figures().agreement().mostCommonText();
            next = next.withBaseline(new Baseline(p.requestHash(), run.embeddingModel(), text, run.runId(),
                    run.finishedAt()))
                    .withRecentTexts(newestFirst(new RecentText(p.requestHash(), run.embeddingModel(),
                            RecentText.hash(text), run.runId()), memory.recentTexts()));
        }
        if (p.figures().counts().complete() && p.answers() != null) {
            next = next.withAnswer(new AnswerBaseline(p.requestHash(), p.answers().rule(),
                    p.answers().mostCommonAnswer(), run.runId(), run.finishedAt()));
        }
        if (p.figures().counts().complete() && p.golden().driftRuns() != null) {
            next = next.withGoldenDrift(new GoldenDrift(p.golden().goldenRunId(), p.golden().driftRuns()));
        }
        // a run that could not tell (too few replies) neither extends nor breaks the streak
        LoadProbeFigures probe = p.figures().loadProbe();
        if (probe != null && probe.loadSensitiveRuns() != null) {
            next = next.withLoadSensitiveRuns(probe.loadSensitiveRuns());
        }
        return next;
    }

    private static TargetMemory next(TargetMemory memory, TargetResult t, RunResult run) {
        TargetMemory next = memory.withTokens(
                new TokenTotals(t.figures().tokens().promptTotal(), t.figures().tokens().completionTotal()));
        if (t.figures().fingerprint().replays().isEmpty()) {
            return next;
        }
        return next.withBackends(newestFirst(new BackendRecord(run.runId(), t.model(),
                List.copyOf(t.figures().fingerprint().replays().keySet()),
                List.copyOf(t.figures().servedModel().replays().keySet())),
                memory.backends()));
    }

    /** The newest entry before the older ones, keeping at most {@link #BACKEND_HISTORY}. */
    private static <T> List<T> newestFirst(T newest, List<T> older) {
        List<T> all = new ArrayList<>();
        all.add(newest);
        all.addAll(older);
        return List.copyOf(all.subList(0, Math.min(all.size(), BACKEND_HISTORY)));
    }
}
