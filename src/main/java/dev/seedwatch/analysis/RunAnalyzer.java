package dev.seedwatch.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Probe;
import dev.seedwatch.suite.PromptKey;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;

/**
 * Computes a run's figures from its replies and the previous state. Apart from the one batched call to the
 * embedder — made only for texts whose distance is needed, each distinct text once — it is a pure function.
 */
public final class RunAnalyzer {

    /** The default of {@code seedwatch.behaviour-change-share}. */
    public static final double DEFAULT_BEHAVIOUR_CHANGE_SHARE = 0.5;

    private final Embedder embedder;
    private final int fingerprintMemory;
    private final double behaviourChangeShare;

    public RunAnalyzer(Embedder embedder, int fingerprintMemory) {
        this(embedder, fingerprintMemory, DEFAULT_BEHAVIOUR_CHANGE_SHARE);
    }

    /**
     * @param behaviourChangeShare the share of compared deterministic prompts whose text must be novel for a
     *        target's behaviour to count as changed
     */
    public RunAnalyzer(Embedder embedder, int fingerprintMemory, double behaviourChangeShare) {
        this.embedder = embedder;
        this.fingerprintMemory = fingerprintMemory;
        this.behaviourChangeShare = behaviourChangeShare;
    }

    public record RunInfo(String runId, String suite, Shard shard, Instant startedAt, Instant finishedAt,
            boolean interrupted) {
    }

    /** A run without a golden run pinned. */
    public RunResult analyze(RunInfo info, List<PlannedRequest> plan, List<ReplayOutcome> outcomes, State previous) {
        return analyze(info, plan, outcomes, previous, null);
    }

    /** @param golden the pinned golden run, null when nothing is pinned */
    public RunResult analyze(RunInfo info, List<PlannedRequest> plan, List<ReplayOutcome> outcomes, State previous,
            Golden golden) {
        Map<PromptKey, List<ReplayOutcome>> byRequest = new HashMap<>();
        for (ReplayOutcome o : outcomes) {
            byRequest.computeIfAbsent(new PromptKey(o.target(), o.prompt()), k -> new ArrayList<>()).add(o);
        }
        String embeddingModel = embedder.modelId();

        // First pass: what each prompt needs embedded.
        Set<String> toEmbed = new LinkedHashSet<>();
        Map<PlannedRequest, List<String>> texts = new LinkedHashMap<>();
        for (PlannedRequest request : plan) {
            List<String> ok = successful(byRequest.getOrDefault(request.key(), List.of()), request, false).stream()
                    .map(ReplayOutcome::text).toList();
            texts.put(request, ok);
            if (request.prompt().probe() != null) {
                // the embedding stage of the energy test: a sample probe's every reply, as the tests read it
                if (request.prompt().probe() == Probe.SAMPLE) {
                    ok.forEach(t -> toEmbed.add(ProbeReplies.cut(t)));
                }
                continue;
            }
            Map<String, Integer> counts = ReplyStatistics.counts(ok);
            if (counts.size() > 1) {
                toEmbed.addAll(counts.keySet());
            }
            Baseline baseline = previous.prompt(request.key()).baseline().orElse(null);
            String common = ReplyStatistics.mostCommon(counts);
            if (common != null && status(baseline, request, embeddingModel) == BaselineStatus.COMPARED
                    && !common.equals(baseline.text())) {
                toEmbed.add(common);
                toEmbed.add(baseline.text());
            }
            Golden.Prompt pinned = golden == null ? null : golden.prompt(request.target().name(), request.prompt().id());
            if (common != null && pinned != null && pinned.requestHash().equals(request.bodyHash())
                    && !common.equals(pinned.text())) {
                toEmbed.add(common);
                toEmbed.add(pinned.text());
            }
        }
        Map<String, float[]> vectors = new HashMap<>();
        List<String> problems = new ArrayList<>();
        TextDistance distance;
        try {
            if (!toEmbed.isEmpty()) {
                List<String> list = new ArrayList<>(toEmbed);
                List<float[]> embedded = embedder.embed(list);
                for (int i = 0; i < list.size(); i++) {
                    vectors.put(list.get(i), embedded.get(i));
                }
            }
            distance = TextDistance.of(vectors);
        } catch (RuntimeException e) {
            // Without embeddings the texts still tell exact matches and changes; distances stay absent.
            problems.add("embedding with " + embeddingModel + " failed, distances are absent: " + e.getMessage());
            distance = null;
        }

        List<PromptResult> prompts = new ArrayList<>();
        List<ProbeReplies> probes = new ArrayList<>();
        for (PlannedRequest request : plan) {
            List<ReplayOutcome> replays = byRequest.getOrDefault(request.key(), List.of());
            if (request.prompt().probe() != null) {
                PromptResult probe = probeResult(request, replays, texts.get(request));
                prompts.add(probe);
                probes.add(ProbeReplies.of(request.target().name(), request.prompt().id(), request.prompt().probe(),
                        request.bodyHash(), probe.figures().complete(), successful(replays, request, false),
                        vectors));
                continue;
            }
            Baseline baseline = previous.prompt(request.key()).baseline().orElse(null);
            List<String> ok = texts.get(request);
            BaselineStatus status = ok.isEmpty() && baseline != null ? BaselineStatus.NOTHING_TO_COMPARE
                    : status(baseline, request, embeddingModel);
            List<ReplayOutcome> regular = successful(replays, request, false);
            PromptFigures figures = promptFigures(request.sends(), replays, ok,
                    status == BaselineStatus.COMPARED ? baseline : null, distance,
                    request.loadProbe() ? loadProbe(successful(replays, request, true), ok,
                            previous.prompt(request.key()).loadSensitiveRuns().orElse(0)) : null,
                    TokenDivergence.of(regular, ReplyStatistics.mostCommon(ReplyStatistics.counts(ok)),
                            request.target().logprobs()),
                    recentTextHashes(previous, request, embeddingModel));
            AnswerBaseline answerBaseline = comparableAnswerBaseline(previous, request);
            // a load probe's answers, like its other figures, are the burst's
            AnswerFigures answers = request.prompt().answer() == null ? null
                    : Answers.figures(request.prompt().answer(), replays.stream()
                            .filter(r -> r.phase() != ReplayPhase.ISOLATED).map(r -> r.succeeded() ? r.text() : null)
                            .toList(), ok, figures.complete(), answerBaseline);
            prompts.add(new PromptResult(request.target().name(), request.target().model(), request.prompt().id(),
                    request.prompt().expect(), request.bodyHash(), request.bodyText(), replays, figures, status,
                    baseline, answers, answerBaseline,
                    GoldenComparison.of(golden, request, figures, answers, distance,
                            previous.prompt(request.key()).goldenDrift().orElse(null))));
        }

        List<TargetResult> targets = new ArrayList<>();
        Map<String, Target> targetsByName = new LinkedHashMap<>();
        plan.forEach(r -> targetsByName.putIfAbsent(r.target().name(), r.target()));
        for (Target target : targetsByName.values()) {
            List<PromptResult> own = prompts.stream().filter(p -> p.target().equals(target.name())).toList();
            targets.add(new TargetResult(target.name(), target.type().label(),
                    target.model(), target.baseUrl().toString(), targetFigures(target, own, previous),
                    AnswerTargetFigures.of(own.stream().map(PromptResult::answers).filter(a -> a != null).toList()),
                    GoldenComparison.target(golden, target.name())));
        }
        return new RunResult(info.runId(), info.suite(), info.shard(), info.startedAt(), info.finishedAt(),
                embeddingModel, targets, prompts, info.interrupted(), problems, probes);
    }

    /**
     * A probe's prompt result: its replays and failures, and none of the text-change figures (no baseline, golden
     * run, behaviour memory, answers or token divergence): the change tests compare its replies.
     */
    private static PromptResult probeResult(PlannedRequest request, List<ReplayOutcome> replays, List<String> ok) {
        PromptFigures figures = promptFigures(request.sends(), replays, ok, null, null, null, null, List.of());
        return new PromptResult(request.target().name(), request.target().model(), request.prompt().id(),
                request.prompt().expect(), request.bodyHash(), request.bodyText(), replays, figures,
                BaselineStatus.NONE, null, null, null, GoldenFigures.skipped(GoldenStatus.PROBE, null),
                request.prompt().probe());
    }

    /**
     * The successful replies of one phase: a load probe's isolated ones, or the ones the regular figures come from
     * (the burst of a load probe, else all). None when a stopped run did not finish the prompt: its replies are not
     * comparable to a full set.
     */
    static List<ReplayOutcome> successful(List<ReplayOutcome> replays, PlannedRequest request, boolean isolated) {
        if (unfinished(replays, request.sends())) {
            return List.of();
        }
        return replays.stream().filter(ReplayOutcome::succeeded)
                .filter(r -> (r.phase() == ReplayPhase.ISOLATED) == isolated).toList();
    }

    /**
     * @param isolated the texts of the successful isolated replays
     * @param burst the texts of the successful burst replays
     * @param previousRuns consecutive load-sensitive runs before this one
     */
    static LoadProbeFigures loadProbe(List<ReplayOutcome> isolated, List<String> burst, int previousRuns) {
        List<String> texts = isolated.stream().map(ReplayOutcome::text).toList();
        Map<String, Integer> counts = ReplyStatistics.counts(texts);
        Integer sensitive = texts.size() < 2 || burst.size() < 2 ? null
                : counts.size() == 1 && ReplyStatistics.counts(burst).size() > 1 ? 1 : 0;
        return new LoadProbeFigures(texts.isEmpty() ? null : counts.size(),
                ReplyStatistics.exactMatchRatio(counts, texts.size()), sensitive,
                sensitive == null ? null : sensitive == 1 ? previousRuns + 1 : 0);
    }

    /**
     * @param planned requests planned, both phases of a load probe
     * @param texts the successful texts the figures come from
     * @param distance null when embeddings are unavailable: distance figures are then absent
     * @param recentTextHashes the behaviour memory this prompt is held against; empty when it has none
     */
    static PromptFigures promptFigures(int planned, List<ReplayOutcome> replays, List<String> texts,
            Baseline comparable, TextDistance distance, LoadProbeFigures loadProbe, TokenFigures tokens,
            List<String> recentTextHashes) {
        Map<String, Integer> failures = new TreeMap<>();
        for (ReplayOutcome r : replays) {
            if (!r.succeeded()) {
                failures.merge(r.failure().label(), 1, Integer::sum);
            }
        }
        // Replays never sent (interrupted run) are failures too: planned minus what came back.
        int missing = planned - replays.size();
        if (missing > 0) {
            failures.merge("cancelled", missing, Integer::sum);
        }
        Map<String, Integer> counts = ReplyStatistics.counts(texts);
        String common = ReplyStatistics.mostCommon(counts);
        // Without embeddings only identical texts have a distance (exactly 0).
        ReplyStatistics.Distances d = distance != null || counts.size() == 1
                ? ReplyStatistics.distances(texts, distance == null ? (a, b) -> 0.0 : distance)
                : null;
        Double baselineDistance = null;
        Integer changed = null;
        if (comparable != null && common != null) {
            baselineDistance = common.equals(comparable.text()) ? Double.valueOf(0.0)
                    : distance == null ? null : Double.valueOf(distance.between(common, comparable.text()));
            changed = common.equals(comparable.text()) ? 0 : 1;
        }
        Integer novel = common == null || recentTextHashes.isEmpty() ? null
                : recentTextHashes.contains(RecentText.hash(common)) ? 0 : 1;
        int succeeded = (int) replays.stream().filter(ReplayOutcome::succeeded).count();
        boolean complete = succeeded == planned;
        return new PromptFigures(planned, succeeded, failures, common,
                ReplyStatistics.exactMatchRatio(counts, texts.size()),
                texts.isEmpty() ? null : counts.size(),
                ReplyStatistics.commonPrefixCodePoints(texts),
                d == null ? null : d.mean(), d == null ? null : d.max(), d == null ? null : d.firstToRestMean(),
                baselineDistance, changed, complete, complete && counts.size() == 1, loadProbe, tokens,
                novel);
    }

    private TargetFigures targetFigures(Target target, List<PromptResult> prompts, State previous) {
        Map<String, Integer> fingerprints = new TreeMap<>();
        Map<String, Integer> served = new TreeMap<>();
        List<Double> latencies = new ArrayList<>();
        long promptTokens = 0;
        long completionTokens = 0;
        int measured = 0;
        int agreeing = 0;
        int compared = 0;
        int novel = 0;
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
            // nondeterministic prompts are expected to disagree and to change: they are no measure of the backend
            if (p.probe() == null && p.figures().complete() && p.expect() == Expectation.DETERMINISTIC) {
                measured++;
                if (p.figures().agreeing()) {
                    agreeing++;
                }
                if (p.figures().completionNovel() != null) {
                    compared++;
                    novel += p.figures().completionNovel();
                }
            }
        }
        List<BackendRecord> memory = previous.target(target.name()).backends().stream()
                .filter(b -> b.model().equals(target.model()))
                .limit(fingerprintMemory)
                .toList();
        List<String> previousFingerprints = memory.isEmpty() ? List.of() : memory.get(0).fingerprints();
        Integer fingerprintChanged = null;
        Integer servedChanged = null;
        if (!memory.isEmpty() && !fingerprints.isEmpty()) {
            Set<String> seenFingerprints = new LinkedHashSet<>();
            Set<String> seenModels = new LinkedHashSet<>();
            memory.forEach(b -> {
                seenFingerprints.addAll(b.fingerprints());
                seenModels.addAll(b.servedModels());
            });
            fingerprintChanged = seenFingerprints.containsAll(fingerprints.keySet()) ? 0 : 1;
            servedChanged = seenModels.containsAll(served.keySet()) ? 0 : 1;
        }
        var totals = previous.target(target.name()).tokens().orElse(TokenTotals.ZERO).plus(promptTokens,
                completionTokens);
        return new TargetFigures(fingerprints, previousFingerprints, fingerprintChanged, served, servedChanged,
                measured, agreeing, measured == 0 ? null : agreeing / (double) measured, promptTokens,
                completionTokens, totals.prompt(), totals.completion(), latencies, compared, novel,
                behaviourChanged(compared, novel), behaviourChangeShare);
    }

    /** 1 when at least one and at least the configured share of the compared prompts are novel; null when none. */
    private Integer behaviourChanged(int compared, int novel) {
        if (compared == 0) {
            return null;
        }
        return novel >= 1 && novel >= behaviourChangeShare * compared ? 1 : 0;
    }

    /**
     * The text hashes of the previous {@code fingerprint-memory} complete runs of a prompt that sent the same request
     * and used the same embedding model, newest first.
     */
    private List<String> recentTextHashes(State previous, PlannedRequest request, String embeddingModel) {
        return previous.prompt(request.key()).recentTexts().stream()
                .filter(r -> r.requestHash().equals(request.bodyHash()) && r.embeddingModel().equals(embeddingModel))
                .limit(fingerprintMemory)
                .map(RecentText::textHash)
                .toList();
    }

    /** Some replays were never sent or were abandoned because the run was stopped. */
    static boolean unfinished(List<ReplayOutcome> replays, int planned) {
        return replays.size() < planned
                || replays.stream().anyMatch(r -> r.failure() == FailureReason.CANCELLED);
    }

    /** The answer baseline of a request if it was read from the same request with the same rule, else null. */
    static AnswerBaseline comparableAnswerBaseline(State previous, PlannedRequest request) {
        AnswerBaseline b = previous.prompt(request.key()).answer().orElse(null);
        if (b == null || request.prompt().answer() == null || !b.requestHash().equals(request.bodyHash())
                || !b.rule().equals(request.prompt().answer().describe())) {
            return null;
        }
        return b;
    }

    static BaselineStatus status(Baseline baseline, PlannedRequest request, String embeddingModel) {
        if (baseline == null) {
            return BaselineStatus.NONE;
        }
        if (!baseline.requestHash().equals(request.bodyHash())) {
            return BaselineStatus.RESET_REQUEST_CHANGED;
        }
        if (!baseline.embeddingModel().equals(embeddingModel)) {
            return BaselineStatus.RESET_EMBEDDING_CHANGED;
        }
        return BaselineStatus.COMPARED;
    }
}
