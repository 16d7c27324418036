package dev.seedwatch.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run leaves for the next: baselines per target and prompt, the backend memory per target, token
 * counters, and the last success time that a failed run carries forward.
 */
public record State(
        int version,
        Map<String, Map<String, Baseline>> baselines,
        Map<String, List<BackendRecord>> backends,
        Map<String, TokenTotals> tokens,
        Double lastSuccessTimestampSeconds) {

    public static final int VERSION = 1;

    public static State empty() {
        return new State(VERSION, Map.of(), Map.of(), Map.of(), null);
    }

    public State {
        baselines = baselines == null ? Map.of() : copy(baselines);
        backends = backends == null ? Map.of() : new LinkedHashMap<>(backends);
        tokens = tokens == null ? Map.of() : new LinkedHashMap<>(tokens);
    }

    public Baseline baseline(String target, String prompt) {
        return baselines.getOrDefault(target, Map.of()).get(prompt);
    }

    public List<BackendRecord> backendHistory(String target) {
        return backends.getOrDefault(target, List.of());
    }

    public TokenTotals tokens(String target) {
        return tokens.getOrDefault(target, TokenTotals.ZERO);
    }

    private static Map<String, Map<String, Baseline>> copy(Map<String, Map<String, Baseline>> in) {
        Map<String, Map<String, Baseline>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
        return out;
    }
}
