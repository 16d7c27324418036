package dev.seedwatch.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Target;

/** The figures of one target from its prompts' results and its memory in the state: a pure function. */
final class TargetAnalysis {

    private final int fingerprintMemory;
    private final double behaviourChangeShare;

    TargetAnalysis(int fingerprintMemory, double behaviourChangeShare) {
        this.fingerprintMemory = fingerprintMemory;
        this.behaviourChangeShare = behaviourChangeShare;
    }

    TargetFigures figures(Target target, List<PromptResult> prompts, State previous) {
        Map<String, Integer> fingerprints = new TreeMap<>();
        Map<String, Integer> served = new TreeMap<>();
        List<Double> latencies = new ArrayList<>();
        long promptTokens = 0;
        long completionTokens = 0;
        for (PromptResult p : prompts) {
            for (ReplayOutcome r : p.replays()) {
                if (!r.succeeded()) {
                    continue;
                }
                fingerprints.merge(r.fingerprint() == null ? Fingerprint.NONE : r.fingerprint().label(), 1,
                        Integer::sum);
                served.merge(r.servedModel() == null || r.servedModel().isEmpty() ? Fingerprint.NONE : r.servedModel(),
                        1, Integer::sum);
                if (r.latencySeconds() != null) {
                    latencies.add(r.latencySeconds());
                }
                promptTokens += r.promptTokens() == null ? 0 : r.promptTokens();
                completionTokens += r.completionTokens() == null ? 0 : r.completionTokens();
            }
        }
        Determinism determinism = Determinism.of(prompts);
        List<BackendRecord> memory = previous.target(target.name()).backends().stream()
                .filter(b -> b.model().equals(target.model()))
                .limit(fingerprintMemory)
                .toList();
        List<String> previousFingerprints = memory.isEmpty() ? List.of() : memory.get(0).fingerprints();
        Optional<Boolean> fingerprintChanged = Optional.empty();
        Optional<Boolean> servedChanged = Optional.empty();
        if (!memory.isEmpty() && !fingerprints.isEmpty()) {
            Set<String> seenFingerprints = new LinkedHashSet<>();
            Set<String> seenModels = new LinkedHashSet<>();
            memory.forEach(b -> {
                seenFingerprints.addAll(b.fingerprints());
                seenModels.addAll(b.servedModels());
            });
            fingerprintChanged = Optional.of(!seenFingerprints.containsAll(fingerprints.keySet()));
            servedChanged = Optional.of(!seenModels.containsAll(served.keySet()));
        }
        var totals = previous.target(target.name()).tokens().orElse(TokenTotals.ZERO).plus(promptTokens, completionTokens);
        int measured = determinism.measured();
        return new TargetFigures(
                new TargetFigures.Fingerprints(fingerprints, previousFingerprints, fingerprintChanged),
                new TargetFigures.ServedModels(served, servedChanged),
                new TargetFigures.Agreement(measured, determinism.agreeing(),
                        measured == 0 ? null : determinism.agreeing() / (double) measured),
                new TargetFigures.Tokens(promptTokens, completionTokens, totals.prompt(), totals.completion()),
                latencies, new TargetFigures.Behaviour(determinism.compared(), determinism.novel(),
                        behaviourChanged(determinism), behaviourChangeShare));
    }

    /** Whether at least one and at least the configured share of the compared prompts are novel; empty when none. */
    private Optional<Boolean> behaviourChanged(Determinism d) {
        if (d.compared() == 0) {
            return Optional.empty();
        }
        return Optional.of(d.novel() >= 1 && d.novel() >= behaviourChangeShare * d.compared());
    }

    /**
     * A target's deterministic prompts that were fully measured, those of them that agreed, that had an earlier run
     * to compare with, and that were novel against it.
     */
    private record Determinism(int measured, int agreeing, int compared, int novel) {

        static Determinism of(List<PromptResult> prompts) {
            int measured = 0;
            int agreeing = 0;
            int compared = 0;
            int novel = 0;
            for (PromptResult p : prompts) {
                // nondeterministic prompts are expected to disagree and to change: they are no measure of the backend
                if (p.probe() == null && p.figures().counts().complete() && p.expect() == Expectation.DETERMINISTIC) {
                    measured++;
                    if (p.figures().agreement().agreeing()) {
                        agreeing++;
                    }
                    if (p.figures().drift().completionNovel().isPresent()) {
                        compared++;
                        novel += p.figures().drift().completionNovel().get() ? 1 : 0;
                    }
                }
            }
            return new Determinism(measured, agreeing, compared, novel);
        }
    }
}
