package dev.seedwatch.analysis;

import java.util.Optional;
/**
 * The isolated half of a {@code load-probe} prompt, set against its burst half. Null fields are undefined and
 * exported as absent series.
 *
 * @param isolatedUniqueCompletions seedwatch_isolated_unique_completions: distinct texts among the isolated replays
 * @param isolatedExactMatchRatio seedwatch_isolated_exact_match_ratio: share of isolated replays whose text is their
 *        most common text
 * @param loadSensitive seedwatch_load_sensitive: whether the isolated replays were all identical and the
 *        burst replays were not; empty when either phase has fewer than 2 successful replays
 * @param loadSensitiveRuns seedwatch_load_sensitive_runs: consecutive runs, this one included, in which the prompt
 *        was load sensitive; null when loadSensitive is empty
 */
public record LoadProbeFigures(Integer isolatedUniqueCompletions, Double isolatedExactMatchRatio,
        @OneOrZero Optional<Boolean> loadSensitive, Integer loadSensitiveRuns) {
}
