package dev.seedwatch.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;
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
    private final TargetAnalysis targetAnalysis;

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
        this.targetAnalysis = new TargetAnalysis(fingerprintMemory, behaviourChangeShare);
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
        List<RequestReplies> requests = RequestReplies.of(plan, outcomes);
        String embeddingModel = embedder.modelId();
        ReplyEmbeddings embeddings = ReplyEmbeddings.of(embedder,
                ReplyEmbeddings.needed(requests, previous, golden, embeddingModel));

        List<PromptResult> prompts = new ArrayList<>();
        List<ProbeReplies> probes = new ArrayList<>();
        for (RequestReplies r : requests) {
            if (r.request().prompt().probe() == null) {
                prompts.add(promptResult(r, previous, golden, embeddings.distance(), embeddingModel));
                continue;
            }
            PromptResult probe = PromptAnalysis.probeResult(r);
            prompts.add(probe);
            probes.add(ProbeReplies.of(r.target(), r.prompt(), r.request().prompt().probe(), r.request().bodyHash(),
                    probe.figures().counts().complete(), r.successful(false), embeddings.vectors()));
        }

        List<TargetResult> targets = new ArrayList<>();
        Map<String, Target> targetsByName = new LinkedHashMap<>();
        plan.forEach(r -> targetsByName.putIfAbsent(r.target().name(), r.target()));
        for (Target target : targetsByName.values()) {
            List<PromptResult> own = prompts.stream().filter(p -> p.target().equals(target.name())).toList();
            targets.add(new TargetResult(target.name(), target.type().label(),
                    target.model(), target.baseUrl().toString(), targetAnalysis.figures(target, own, previous),
                    AnswerTargetFigures.of(own.stream().map(PromptResult::answers).filter(a -> a != null).toList()),
                    GoldenComparison.target(golden, target.name())));
        }
        return new RunResult(info.runId(), info.suite(), info.shard(), info.startedAt(), info.finishedAt(),
                embeddingModel, targets, prompts, info.interrupted(), embeddings.problem().stream().toList(), probes);
    }

    /** A prompt that is no probe: its figures against its baseline, behaviour memory, answers and golden run. */
    private PromptResult promptResult(RequestReplies r, State previous, Golden golden, TextDistance distance,
            String embeddingModel) {
        PlannedRequest request = r.request();
        Baseline baseline = previous.prompt(request.key()).baseline().orElse(null);
        List<String> ok = r.texts();
        BaselineStatus status = ok.isEmpty() && baseline != null ? BaselineStatus.NOTHING_TO_COMPARE
                : status(baseline, request, embeddingModel);
        PromptFigures figures = PromptAnalysis.figures(request.sends(), r.replays(), ok,
                status == BaselineStatus.COMPARED ? baseline : null, distance,
                request.loadProbe() ? PromptAnalysis.loadProbe(r.successful(true), ok,
                        previous.prompt(request.key()).loadSensitiveRuns().orElse(0)) : null,
                TokenDivergence.of(r.successful(false), ReplyStatistics.mostCommon(ReplyStatistics.counts(ok)),
                        request.target().logprobs()),
                recentTextHashes(previous, request, embeddingModel));
        AnswerBaseline answerBaseline = comparableAnswerBaseline(previous, request);
        // a load probe's answers, like its other figures, are the burst's
        AnswerFigures answers = request.prompt().answer() == null ? null
                : Answers.figures(request.prompt().answer(), r.replays().stream()
                        .filter(o -> o.phase() != ReplayPhase.ISOLATED).map(o -> o.succeeded() ? o.text() : null)
                        .toList(), ok, figures.counts().complete(), answerBaseline);
        return new PromptResult(r.target(), request.target().model(), r.prompt(), request.prompt().expect(),
                request.bodyHash(), request.body(), r.replays(), figures, status, baseline, answers,
                answerBaseline, GoldenComparison.of(golden, request, figures, answers, distance,
                        previous.prompt(request.key()).goldenDrift().orElse(null)));
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
