package dev.seedwatch.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.seedwatch.suite.Shard;

/**
 * The one immutable record a run hands from analysis to its sinks (report, state, metrics, summary).
 *
 * @param interrupted the run stopped before every replay was sent (signal or deadline)
 * @param problems what went wrong besides failed replays (e.g. embedding unavailable)
 * @param probes the probes' replies as the change tests read them
 */
public record RunResult(
        String runId,
        String suite,
        Shard shard,
        Instant startedAt,
        Instant finishedAt,
        String embeddingModel,
        List<TargetResult> targets,
        List<PromptResult> prompts,
        boolean interrupted,
        List<String> problems,
        List<ProbeReplies> probes) {

    /** A run without probes. */
    public RunResult(String runId, String suite, Shard shard, Instant startedAt, Instant finishedAt,
            String embeddingModel, List<TargetResult> targets, List<PromptResult> prompts, boolean interrupted,
            List<String> problems) {
        this(runId, suite, shard, startedAt, finishedAt, embeddingModel, targets, prompts, interrupted, problems,
                List.of());
    }

    public RunResult {
        probes = List.copyOf(probes);
        problems = List.copyOf(problems);
        targets = List.copyOf(targets);
        prompts = List.copyOf(prompts);
    }

    /** This run with its targets' change figures set. */
    public RunResult withTargets(List<TargetResult> changed) {
        return new RunResult(runId, suite, shard, startedAt, finishedAt, embeddingModel, changed, prompts, interrupted,
                problems, probes);
    }

    public int replaysPlanned() {
        return prompts.stream().mapToInt(p -> p.figures().counts().planned()).sum();
    }

    public int replaysFailed() {
        return prompts.stream().mapToInt(p -> p.figures().counts().failed()).sum();
    }

    public double failureRatio() {
        int planned = replaysPlanned();
        return planned == 0 ? 0 : replaysFailed() / (double) planned;
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
