package dev.seedwatch.suite;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.suite.FieldReader.Problems;

/**
 * The sampling settings one level of a suite names — its {@code defaults}, or a prompt — checked once. A setting
 * named with null is named all the same: it overrides a default with "do not send".
 *
 * @param valid false when one of its settings was a mistake (already reported): no prompt is built on it
 */
record SettingsLayer(Setting<Long> seed, Setting<Double> temperature, Setting<Double> topP, Setting<Integer> replays,
        Setting<Integer> maxTokens, Setting<Integer> maxCompletionTokens, Setting<Boolean> loadProbe,
        Map<String, JsonNode> params, boolean valid) {

    private static final int DEFAULT_REPLAYS = 5;

    /** A setting as one level names it: not at all, or with a value (null: "do not send"). */
    record Setting<T>(boolean named, T value) {

        static <T> Setting<T> of(FieldReader r, String key, Optional<T> value) {
            return new Setting<>(r.has(key), value.orElse(null));
        }

        static <T> Setting<T> unnamed() {
            return new Setting<>(false, null);
        }

        /** This level's value where it names the setting, else the one below. */
        T over(Setting<T> below) {
            return named ? value : below.value;
        }
    }

    /** A level that names nothing: a suite without {@code defaults}. */
    static final SettingsLayer NONE = new SettingsLayer(Setting.unnamed(), Setting.unnamed(), Setting.unnamed(),
            Setting.unnamed(), Setting.unnamed(), Setting.unnamed(), Setting.unnamed(), Map.of(), true);

    /** @param types the target types, whose body fields {@code params} may not set */
    static SettingsLayer read(FieldReader r, Problems problems, TargetTypes types) {
        int before = problems.list().size();
        Setting<Long> seed = Setting.of(r, "seed", r.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE));
        Setting<Double> temperature = Setting.of(r, "temperature", r.number("temperature", 0, 2));
        Setting<Double> topP = Setting.of(r, "top-p", r.number("top-p", 0, 1));
        Setting<Integer> replays = Setting.of(r, "replays", r.integer("replays", 1, 100_000).map(Long::intValue));
        Setting<Integer> maxTokens = Setting.of(r, "max-tokens",
                r.integer("max-tokens", 1, Integer.MAX_VALUE).map(Long::intValue));
        Setting<Integer> maxCompletionTokens = Setting.of(r, "max-completion-tokens",
                r.integer("max-completion-tokens", 1, Integer.MAX_VALUE).map(Long::intValue));
        if (r.has("max-tokens") && r.has("max-completion-tokens")) {
            problems.add(r.path("max-tokens"), "set either max-tokens or max-completion-tokens, not both");
        }
        Setting<Boolean> loadProbe = Setting.of(r, "load-probe", r.bool("load-probe"));
        Map<String, JsonNode> params = params(r, problems, types);
        return new SettingsLayer(seed, temperature, topP, replays, maxTokens, maxCompletionTokens, loadProbe, params,
                problems.list().size() == before);
    }

    /**
     * The level a probe's own settings are read over: these defaults with the probe's settings on top. Its output
     * limit keeps the key the defaults use ({@code max-completion-tokens} for suites written for o-series models).
     */
    SettingsLayer forProbe(Probe probe) {
        Setting<Integer> limit = new Setting<>(true, probe.maxTokens());
        Setting<Integer> none = new Setting<>(true, null);
        boolean completionKey = maxCompletionTokens.value() != null;
        return new SettingsLayer(probe.keepsSeed() ? seed : new Setting<>(true, null),
                probe.temperature() == null ? temperature : new Setting<>(true, probe.temperature()), topP,
                new Setting<>(true, probe.replays()), completionKey ? none : limit, completionKey ? limit : none,
                new Setting<>(true, false), params, valid);
    }

    /** A prompt's settings: this level over {@code defaults}; empty when either level had a mistake. */
    Optional<RequestSettings> over(SettingsLayer defaults) {
        if (!valid || !defaults.valid) {
            return Optional.empty();
        }
        // A level that names one of the two token limits replaces whichever the level below set.
        boolean ownLimit = maxTokens.named() || maxCompletionTokens.named();
        Map<String, JsonNode> merged = new LinkedHashMap<>(defaults.params);
        merged.putAll(params);
        Integer replayCount = replays.over(defaults.replays);
        return Optional.of(new RequestSettings(seed.over(defaults.seed), temperature.over(defaults.temperature),
                topP.over(defaults.topP), ownLimit ? maxTokens.value() : defaults.maxTokens.value(),
                ownLimit ? maxCompletionTokens.value() : defaults.maxCompletionTokens.value(), merged,
                replayCount == null ? DEFAULT_REPLAYS : replayCount,
                Boolean.TRUE.equals(loadProbe.over(defaults.loadProbe))));
    }

    private static Map<String, JsonNode> params(FieldReader r, Problems problems, TargetTypes types) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        r.object("params", false).ifPresent(p -> r.raw("params").fields().forEachRemaining(e -> {
            if (types.reservedParam(e.getKey())) {
                problems.add(p.path(e.getKey()), "is written by seedwatch; "
                        + (TargetTypes.UNSUPPORTED_PARAMS.contains(e.getKey())
                                ? "streaming and n > 1 are not supported"
                                : "use the suite's own field for it"));
            } else {
                params.put(e.getKey(), e.getValue());
            }
        }));
        return params;
    }
}
