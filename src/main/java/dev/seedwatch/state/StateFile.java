package dev.seedwatch.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

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

/**
 * {@code state.json} as seedwatch has always written it: one section per kind of memory, each keyed by target and
 * then prompt. Keeping the layout lets an older seedwatch read the file after a rollback. Within a section, keys
 * keep the order in which the state first remembered them.
 */
public record StateFile(
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

    public StateFile {
        baselines = orEmpty(baselines);
        backends = orEmpty(backends);
        tokens = orEmpty(tokens);
        loadSensitiveRuns = orEmpty(loadSensitiveRuns);
        answers = orEmpty(answers);
        goldenDrift = orEmpty(goldenDrift);
        recentTexts = orEmpty(recentTexts);
    }

    public static StateFile of(State state) {
        Map<PromptKey, PromptMemory> p = state.prompts();
        Map<String, TargetMemory> t = state.targets();
        return new StateFile(VERSION, promptSection(p, PromptMemory::baseline),
                targetSection(t, m -> Optional.of(m.backends()).filter(b -> !b.isEmpty())),
                targetSection(t, TargetMemory::tokens), state.lastSuccessTimestampSeconds(),
                promptSection(p, m -> m.loadSensitiveRuns().stream().boxed().findFirst()),
                promptSection(p, PromptMemory::answer), promptSection(p, PromptMemory::goldenDrift),
                promptSection(p, m -> Optional.of(m.recentTexts()).filter(r -> !r.isEmpty())));
    }

    /** The state this file holds: a prompt's memory gathered from every section, baselines' order first. */
    public State state() {
        Map<PromptKey, PromptMemory> prompts = new LinkedHashMap<>();
        addPromptSection(prompts, baselines, PromptMemory::withBaseline);
        addPromptSection(prompts, recentTexts, PromptMemory::withRecentTexts);
        addPromptSection(prompts, answers, PromptMemory::withAnswer);
        addPromptSection(prompts, goldenDrift, PromptMemory::withGoldenDrift);
        addPromptSection(prompts, loadSensitiveRuns, PromptMemory::withLoadSensitiveRuns);
        Map<String, TargetMemory> targets = new LinkedHashMap<>();
        addTargetSection(targets, backends, TargetMemory::withBackends);
        addTargetSection(targets, tokens, TargetMemory::withTokens);
        return new State(prompts, targets, lastSuccessTimestampSeconds);
    }

    /** Adds a section keyed by target and prompt to the prompts' memories; a null value remembers nothing. */
    private static <V> void addPromptSection(Map<PromptKey, PromptMemory> prompts, Map<String, Map<String, V>> section,
            BiFunction<PromptMemory, V, PromptMemory> with) {
        section.forEach((target, byPrompt) -> add(prompts, byPrompt, prompt -> new PromptKey(target, prompt),
                PromptMemory.NONE, with));
    }

    /** Adds a section keyed by target to the targets' memories; a null value remembers nothing. */
    private static <V> void addTargetSection(Map<String, TargetMemory> targets, Map<String, V> section,
            BiFunction<TargetMemory, V, TargetMemory> with) {
        add(targets, section, Function.identity(), TargetMemory.NONE, with);
    }

    private static <K, M, V> void add(Map<K, M> memories, Map<String, V> section, Function<String, K> key,
            M none, BiFunction<M, V, M> with) {
        section.forEach((name, value) -> {
            if (value != null) {
                memories.put(key.apply(name), with.apply(memories.getOrDefault(key.apply(name), none), value));
            }
        });
    }

    private static <V> Map<String, Map<String, V>> promptSection(Map<PromptKey, PromptMemory> prompts,
            Function<PromptMemory, Optional<V>> section) {
        Map<String, Map<String, V>> out = new LinkedHashMap<>();
        prompts.forEach((key, memory) -> section.apply(memory).ifPresent(
                v -> out.computeIfAbsent(key.target(), t -> new LinkedHashMap<>()).put(key.prompt(), v)));
        return out;
    }

    private static <V> Map<String, V> targetSection(Map<String, TargetMemory> targets,
            Function<TargetMemory, Optional<V>> section) {
        Map<String, V> out = new LinkedHashMap<>();
        targets.forEach((target, memory) -> section.apply(memory).ifPresent(v -> out.put(target, v)));
        return out;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
