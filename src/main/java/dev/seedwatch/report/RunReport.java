package dev.seedwatch.report;

import java.time.Instant;
import java.util.List;

import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.TargetResult;

/**
 * The JSON report of one run: everything an on-call engineer needs to read before/after texts — every replay, every
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
}
