package dev.seedwatch.report;

import java.time.Instant;
import java.util.List;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.TargetResult;

/**
 * The JSON report of one run: everything an on-call engineer needs to read before/after texts — every replay, every
 * figure, the baseline each prompt was compared against. Contains no credentials (they live only in headers).
 * Each prompt holds each distinct reply text once (capped at {@link #MAX_TEXT_CHARS}), and its replays point into
 * them: replays mostly repeat each other, and a report that wrote every copy grew to kilobytes per replay.
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
        List<ReportPrompt> prompts) {

    /** A report without problems, targets or prompts (a run of nothing) lists none. */
    public RunReport {
        problems = problems == null ? List.of() : List.copyOf(problems);
        targets = targets == null ? List.of() : List.copyOf(targets);
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
    }

    /**
     * 4: nothing written twice (see {@link ReportPacking}): each text once, provider values once per target, and a
     * replay only what it does not share with its target and prompt. 3: a target's {@code fingerprints} and {@code
     * servedModels} as lists of {@code {value, replays}} (2 and 1: objects keyed by the value). 2: a prompt's distinct
     * texts in {@code texts}, each replay's {@code textIndex} into them. 1: each replay's {@code text}, with {@code
     * textLength} and {@code truncated}, in the replay. All are still read (see {@link ReportUpgrade}).
     */
    public static final int VERSION = 4;
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
                result.prompts().stream().map(p -> ReportPrompt.of(p, MAX_TEXT_CHARS)).toList());
    }
}
