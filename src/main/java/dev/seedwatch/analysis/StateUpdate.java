package dev.seedwatch.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


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
        Map<String, Map<String, Baseline>> baselines = new LinkedHashMap<>();
        previous.baselines().forEach((t, m) -> baselines.put(t, new LinkedHashMap<>(m)));
        for (PromptResult p : run.prompts()) {
            // a probe has no baseline: its reference is the change tests' (ChangeState)
            if (p.probe() == null && p.figures().complete()) {
                baselines.computeIfAbsent(p.target(), t -> new LinkedHashMap<>()).put(p.prompt(),
                        new Baseline(p.requestHash(), run.embeddingModel(), p.figures().mostCommonText(), run.runId(),
                                run.finishedAt()));
            }
        }
        Map<String, Map<String, List<RecentText>>> recentTexts = new LinkedHashMap<>();
        previous.recentTexts().forEach((t, m) -> recentTexts.put(t, new LinkedHashMap<>(m)));
        for (PromptResult p : run.prompts()) {
            // a probe has no baseline: its reference is the change tests' (ChangeState)
            if (p.probe() == null && p.figures().complete()) {
                List<RecentText> memory = new ArrayList<>();
                memory.add(new RecentText(p.requestHash(), run.embeddingModel(),
                        RecentText.hash(p.figures().mostCommonText()), run.runId()));
                memory.addAll(previous.recentTexts(p.target(), p.prompt()));
                recentTexts.computeIfAbsent(p.target(), t -> new LinkedHashMap<>()).put(p.prompt(),
                        List.copyOf(memory.subList(0, Math.min(memory.size(), BACKEND_HISTORY))));
            }
        }
        Map<String, Map<String, AnswerBaseline>> answers = copy(previous.answers());
        Map<String, Map<String, GoldenDrift>> drift = copy(previous.goldenDrift());
        for (PromptResult p : run.prompts()) {
            if (!p.figures().complete()) {
                continue;
            }
            if (p.answers() != null) {
                answers.computeIfAbsent(p.target(), t -> new LinkedHashMap<>()).put(p.prompt(),
                        new AnswerBaseline(p.requestHash(), p.answers().rule(), p.answers().mostCommonAnswer(),
                                run.runId(), run.finishedAt()));
            }
            if (p.golden().driftRuns() != null) {
                drift.computeIfAbsent(p.target(), t -> new LinkedHashMap<>()).put(p.prompt(),
                        new GoldenDrift(p.golden().goldenRunId(), p.golden().driftRuns()));
            }
        }
        Map<String, List<BackendRecord>> backends = new LinkedHashMap<>(previous.backends());
        Map<String, TokenTotals> tokens = new LinkedHashMap<>(previous.tokens());
        for (TargetResult t : run.targets()) {
            if (!t.figures().fingerprints().isEmpty()) {
                List<BackendRecord> history = new ArrayList<>();
                history.add(new BackendRecord(run.runId(), t.model(), List.copyOf(t.figures().fingerprints().keySet()),
                        List.copyOf(t.figures().servedModels().keySet())));
                history.addAll(previous.backendHistory(t.target()));
                backends.put(t.target(), List.copyOf(history.subList(0, Math.min(history.size(), BACKEND_HISTORY))));
            }
            tokens.put(t.target(), new TokenTotals(t.figures().promptTokensTotal(), t.figures().completionTokensTotal()));
        }
        Map<String, Map<String, Integer>> loadSensitive = new LinkedHashMap<>();
        previous.loadSensitiveRuns().forEach((t, m) -> loadSensitive.put(t, new LinkedHashMap<>(m)));
        for (PromptResult p : run.prompts()) {
            // a run that could not tell (too few replies) neither extends nor breaks the streak
            LoadProbeFigures probe = p.figures().loadProbe();
            if (probe != null && probe.loadSensitiveRuns() != null) {
                loadSensitive.computeIfAbsent(p.target(), t -> new LinkedHashMap<>()).put(p.prompt(),
                        probe.loadSensitiveRuns());
            }
        }
        Double lastSuccess = success ? Double.valueOf(run.finishedAt().toEpochMilli() / 1000.0)
                : previous.lastSuccessTimestampSeconds();
        return new State(State.VERSION, baselines, backends, tokens, lastSuccess, loadSensitive, answers,
                drift, recentTexts);
    }

    private static <V> Map<String, Map<String, V>> copy(Map<String, Map<String, V>> in) {
        Map<String, Map<String, V>> out = new LinkedHashMap<>();
        in.forEach((t, m) -> out.put(t, new LinkedHashMap<>(m)));
        return out;
    }
}
