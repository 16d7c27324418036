package dev.seedwatch.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;

/** The figures of one (target, prompt) from its replays: pure functions. */
final class PromptAnalysis {

    private PromptAnalysis() {
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

    /** Some replays were never sent or were abandoned because the run was stopped. */
    static boolean unfinished(List<ReplayOutcome> replays, int planned) {
        return replays.size() < planned
                || replays.stream().anyMatch(r -> r.failure() == FailureReason.CANCELLED);
    }

    /**
     * A probe's prompt result: its replays and failures, and none of the text-change figures (no baseline, golden
     * run, behaviour memory, answers or token divergence): the change tests compare its replies.
     */
    static PromptResult probeResult(RequestReplies r) {
        PlannedRequest request = r.request();
        PromptFigures figures = figures(request.sends(), r.replays(), r.texts(), null, null, null, null, List.of());
        return new PromptResult(r.target(), request.target().model(), r.prompt(), request.prompt().expect(),
                request.bodyHash(), request.body(), r.replays(), figures, BaselineStatus.NONE, null, null, null,
                GoldenFigures.skipped(GoldenStatus.PROBE, null), request.prompt().probe());
    }

    /**
     * @param isolated the texts of the successful isolated replays
     * @param burst the texts of the successful burst replays
     * @param previousRuns consecutive load-sensitive runs before this one
     */
    static LoadProbeFigures loadProbe(List<ReplayOutcome> isolated, List<String> burst, int previousRuns) {
        List<String> texts = isolated.stream().map(ReplayOutcome::text).toList();
        Map<String, Integer> counts = ReplyStatistics.counts(texts);
        Optional<Boolean> sensitive = texts.size() < 2 || burst.size() < 2 ? Optional.empty()
                : Optional.of(counts.size() == 1 && ReplyStatistics.counts(burst).size() > 1);
        return new LoadProbeFigures(texts.isEmpty() ? null : counts.size(),
                ReplyStatistics.exactMatchRatio(counts, texts.size()), sensitive,
                sensitive.map(yes -> yes ? previousRuns + 1 : 0).orElse(null));
    }

    /**
     * @param planned requests planned, both phases of a load probe
     * @param texts the successful texts the figures come from
     * @param distance null when embeddings are unavailable: distance figures are then absent
     * @param recentTextHashes the behaviour memory this prompt is held against; empty when it has none
     */
    static PromptFigures figures(int planned, List<ReplayOutcome> replays, List<String> texts,
            Baseline comparable, TextDistance distance, LoadProbeFigures loadProbe, TokenFigures tokens,
            List<String> recentTextHashes) {
        Map<String, Integer> counts = ReplyStatistics.counts(texts);
        String common = ReplyStatistics.mostCommon(counts);
        // Without embeddings only identical texts have a distance (exactly 0).
        ReplyStatistics.Distances d = distance != null || counts.size() == 1
                ? ReplyStatistics.distances(texts, distance == null ? (a, b) -> 0.0 : distance)
                : null;
        PromptFigures.Distances distances = d == null ? PromptFigures.Distances.NONE
                : new PromptFigures.Distances(d.mean(), d.max(), d.firstToRestMean());
        int succeeded = (int) replays.stream().filter(ReplayOutcome::succeeded).count();
        PromptFigures.Counts replayCounts = new PromptFigures.Counts(planned, succeeded, failures(planned, replays));
        PromptFigures.Agreement agreement = new PromptFigures.Agreement(common,
                ReplyStatistics.exactMatchRatio(counts, texts.size()), texts.isEmpty() ? null : counts.size(),
                ReplyStatistics.commonPrefixCodePoints(texts), replayCounts.complete() && counts.size() == 1);
        return new PromptFigures(replayCounts, agreement, distances,
                drift(common, comparable, distance, recentTextHashes), loadProbe, tokens);
    }

    /** The most common text held against the baseline and the behaviour memory. */
    private static PromptFigures.Drift drift(String common, Baseline comparable, TextDistance distance,
            List<String> recentTextHashes) {
        if (common == null) {
            return PromptFigures.Drift.NONE;
        }
        Double baselineDistance = null;
        Optional<Boolean> changed = Optional.empty();
        if (comparable != null) {
            baselineDistance = common.equals(comparable.text()) ? Double.valueOf(0.0)
                    : distance == null ? null : Double.valueOf(distance.between(common, comparable.text()));
            changed = Optional.of(!common.equals(comparable.text()));
        }
        Optional<Boolean> novel = recentTextHashes.isEmpty() ? Optional.empty()
                : Optional.of(!recentTextHashes.contains(RecentText.hash(common)));
        return new PromptFigures.Drift(baselineDistance, changed, novel);
    }

    /** Failed replays by reason; replays never sent (interrupted run) count as cancelled: planned minus returned. */
    private static Map<String, Integer> failures(int planned, List<ReplayOutcome> replays) {
        Map<String, Integer> failures = new TreeMap<>();
        for (ReplayOutcome r : replays) {
            if (!r.succeeded()) {
                failures.merge(r.failure().label(), 1, Integer::sum);
            }
        }
        int missing = planned - replays.size();
        if (missing > 0) {
            failures.merge("cancelled", missing, Integer::sum);
        }
        return failures;
    }
}
