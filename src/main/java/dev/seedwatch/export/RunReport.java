package dev.seedwatch.export;

import java.time.Instant;
import java.util.List;

import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.TargetResult;

/**
 * The JSON report of one run (each reply's text capped at {@link #MAX_TEXT_CHARS}): everything an on-call engineer needs to read before/after texts — every replay, every
 * figure, the baseline each prompt was compared against. Contains no credentials (they live only in headers).
 */
public record RunReport(
        int reportVersion,
        String runId,
        String suite,
        String shard,
        Instant startedAt,
        Instant finishedAt,
        double durationSeconds,
        int exitCode,
        boolean success,
        String outcome,
        boolean interrupted,
        String embeddingModel,
        int replaysPlanned,
        int replaysFailed,
        double maxFailureRatio,
        List<String> problems,
        Timings timings,
        List<TargetResult> targets,
        List<PromptResult> prompts) {

    public static final int VERSION = 1;
    /** Characters of each reply kept in a report (256 Ki). */
    public static final int MAX_TEXT_CHARS = 256 * 1024;

    /** The report of a run that ended with {@code exitCode}. */
    public static RunReport of(RunResult result, int exitCode, boolean success, String outcome,
            double maxFailureRatio, List<String> problems, Timings timings) {
        return new RunReport(VERSION, result.runId(), result.suite(),
                result.shard().sharded() ? result.shard().toString() : null, result.startedAt(), result.finishedAt(),
                result.duration().toMillis() / 1000.0, exitCode, success, outcome, result.interrupted(),
                result.embeddingModel(), result.replaysPlanned(), result.replaysFailed(), maxFailureRatio,
                List.copyOf(problems), timings, result.targets(),
                result.prompts().stream().map(p -> p.withReplays(p.replays().stream()
                        .map(r -> r.cappedTo(MAX_TEXT_CHARS)).toList())).toList());
    }
}
