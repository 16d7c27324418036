package dev.seedwatch.analysis;

import java.util.Optional;
/**
 * One (target, prompt) against the golden run. Figures are null or empty (absent series) unless {@code status} is
 * {@link GoldenStatus#COMPARED}.
 *
 * @param goldenRunId the pinned run, null when nothing is pinned
 * @param distance seedwatch_golden_distance: cosine distance between this run's and the golden most common text
 * @param changed seedwatch_golden_changed: whether this run's most common text differs from the golden one
 * @param answerChanged seedwatch_golden_answer_changed: the same for the most common answer (same rule only)
 * @param driftRuns seedwatch_golden_drift_runs: consecutive compared runs, up to this one, whose most common text or
 *        answer differed from the golden one
 */
public record GoldenFigures(GoldenStatus status, String goldenRunId, Double distance,
        @OneOrZero Optional<Boolean> changed, @OneOrZero Optional<Boolean> answerChanged, Integer driftRuns) {

    static GoldenFigures skipped(GoldenStatus status, String goldenRunId) {
        return new GoldenFigures(status, goldenRunId, null, Optional.empty(), Optional.empty(), null);
    }
}
