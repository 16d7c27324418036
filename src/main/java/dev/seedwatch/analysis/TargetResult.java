package dev.seedwatch.analysis;

/**
 * One target of a run with its figures.
 *
 * @param answers TARa@N over the target's prompts with an answer rule
 * @param golden the target in the golden run; null when nothing is pinned or the golden run did not have it
 * @param change is it still the same model: the change tests against the target's reference; null when the target
 *        has no probes
 */
public record TargetResult(String target, String type, String model, String baseUrl, TargetFigures figures,
        AnswerTargetFigures answers, GoldenTargetFigures golden, ChangeFigures change) {

    /** A target result without change figures. */
    public TargetResult(String target, String type, String model, String baseUrl, TargetFigures figures,
            AnswerTargetFigures answers, GoldenTargetFigures golden) {
        this(target, type, model, baseUrl, figures, answers, golden, null);
    }

    /** This target with its change figures. */
    public TargetResult with(ChangeFigures value) {
        return new TargetResult(target, type, model, baseUrl, figures, answers, golden, value);
    }

    /** A target result without answer rules and without a golden run. */
    public TargetResult(String target, String type, String model, String baseUrl, TargetFigures figures) {
        this(target, type, model, baseUrl, figures, new AnswerTargetFigures(0, 0, null), null);
    }
}
