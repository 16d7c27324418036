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
        List<String> problems) {

    public RunResult {
        problems = List.copyOf(problems);
        targets = List.copyOf(targets);
        prompts = List.copyOf(prompts);
    }

    public int replaysPlanned() {
        return prompts.stream().mapToInt(p -> p.figures().replaysPlanned()).sum();
    }

    public int replaysFailed() {
        return prompts.stream().mapToInt(p -> p.figures().failed()).sum();
    }

    public double failureRatio() {
        int planned = replaysPlanned();
        return planned == 0 ? 0 : replaysFailed() / (double) planned;
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
