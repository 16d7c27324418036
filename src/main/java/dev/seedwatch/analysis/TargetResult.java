package dev.seedwatch.analysis;

/**
 * One target of a run with its figures.
 *
 * @param answers TARa@N over the target's prompts with an answer rule
 * @param golden the target in the golden run; null when nothing is pinned or the golden run did not have it
 */
public record TargetResult(String target, String type, String model, String baseUrl, TargetFigures figures,
        AnswerTargetFigures answers, GoldenTargetFigures golden) {

    /** A target result without answer rules and without a golden run. */
    public TargetResult(String target, String type, String model, String baseUrl, TargetFigures figures) {
        this(target, type, model, baseUrl, figures, new AnswerTargetFigures(0, 0, null), null);
    }
}
