package dev.seedwatch.run;

import java.util.List;
import java.util.Optional;

import dev.seedwatch.export.RunMetrics;

/**
 * How an invocation of a run ended.
 *
 * @param invalid what was wrong with the input when the exit code is {@link ExitCodes#INVALID} (nothing was sent)
 * @param metrics what the run exported, when it got that far
 * @param changes what changed in the run ({@code Changes}), when it was measured
 */
public record RunOutcome(int exitCode, List<String> invalid, Optional<RunMetrics> metrics, List<String> changes) {

    static RunOutcome invalid(List<String> problems) {
        return new RunOutcome(ExitCodes.INVALID, List.copyOf(problems), Optional.empty(), List.of());
    }
}
