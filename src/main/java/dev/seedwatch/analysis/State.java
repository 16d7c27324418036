package dev.seedwatch.analysis;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedwatch.replay.PlannedRequest;

/**
 * What one run leaves for the next: baselines per target and prompt, the backend memory per target, token
 * counters, the last success time that a failed run carries forward, how many runs in a row each load-probe
 * prompt was load sensitive, answer baselines, how long each prompt has drifted from the golden run, and the
 * behaviour memory: per target and prompt the hashed most common texts of its recent complete runs, newest first.
 */
public record State(
        int version,
        Map<String, Map<String, Baseline>> baselines,
        Map<String, List<BackendRecord>> backends,
        Map<String, TokenTotals> tokens,
        Double lastSuccessTimestampSeconds,
        Map<String, Map<String, Integer>> loadSensitiveRuns,
        Map<String, Map<String, AnswerBaseline>> answers,
        Map<String, Map<String, GoldenDrift>> goldenDrift,
        Map<String, Map<String, List<RecentText>>> recentTexts) {

    public static final int VERSION = 1;

    public static State empty() {
        return new State(VERSION, Map.of(), Map.of(), Map.of(), null);
    }

    /** A state with baselines, backends and tokens only, as the first releases wrote it. */
    public State(int version, Map<String, Map<String, Baseline>> baselines, Map<String, List<BackendRecord>> backends,
            Map<String, TokenTotals> tokens, Double lastSuccessTimestampSeconds) {
        this(version, baselines, backends, tokens, lastSuccessTimestampSeconds, Map.of(), Map.of(), Map.of(),
                Map.of());
    }

    public State {
        baselines = baselines == null ? Map.of() : copy(baselines);
        answers = answers == null ? Map.of() : copy(answers);
        goldenDrift = goldenDrift == null ? Map.of() : copy(goldenDrift);
        backends = backends == null ? Map.of() : new LinkedHashMap<>(backends);
        tokens = tokens == null ? Map.of() : new LinkedHashMap<>(tokens);
        loadSensitiveRuns = loadSensitiveRuns == null ? Map.of() : copy(loadSensitiveRuns);
        recentTexts = recentTexts == null ? Map.of() : copy(recentTexts);
    }

    public Baseline baseline(String target, String prompt) {
        return baselines.getOrDefault(target, Map.of()).get(prompt);
    }

    public AnswerBaseline answerBaseline(String target, String prompt) {
        return answers.getOrDefault(target, Map.of()).get(prompt);
    }

    public GoldenDrift goldenDrift(String target, String prompt) {
        return goldenDrift.getOrDefault(target, Map.of()).get(prompt);
    }

    public List<BackendRecord> backendHistory(String target) {
        return backends.getOrDefault(target, List.of());
    }

    /**
     * The baseline text of each planned (target, prompt) whose baseline a run with this embedding model would
     * compare against, by {@code target + '\0' + prompt}.
     */
    public Map<String, String> comparableBaselineTexts(List<PlannedRequest> plan, String embeddingModel) {
        Map<String, String> texts = new HashMap<>();
        for (PlannedRequest r : plan) {
            Baseline b = baseline(r.target().name(), r.prompt().id());
            if (b != null && b.requestHash().equals(r.bodyHash()) && b.embeddingModel().equals(embeddingModel)) {
                texts.put(r.target().name() + "\u0000" + r.prompt().id(), b.text());
            }
        }
        return texts;
    }

    /** Consecutive runs up to the last one in which a load-probe prompt was load sensitive; 0 when none. */
    public int loadSensitiveRuns(String target, String prompt) {
        return loadSensitiveRuns.getOrDefault(target, Map.of()).getOrDefault(prompt, 0);
    }

    /** The behaviour memory of a (target, prompt), newest first, whatever request or embedding model made it. */
    public List<RecentText> recentTexts(String target, String prompt) {
        return recentTexts.getOrDefault(target, Map.of()).getOrDefault(prompt, List.of());
    }

    public TokenTotals tokens(String target) {
        return tokens.getOrDefault(target, TokenTotals.ZERO);
    }

    private static <V> Map<String, Map<String, V>> copy(Map<String, Map<String, V>> in) {
        Map<String, Map<String, V>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
        return out;
    }
}
