package dev.seedwatch.analysis;

/**
 * The answer figures of one target: TARa@N over its prompts with an {@code answer} rule.
 *
 * @param promptsMeasured seedwatch_prompts_answer_measured: prompts with a rule whose planned replays all succeeded
 * @param promptsAgreeing seedwatch_prompts_answer_agreeing: of those, prompts with one answer and none missing
 * @param totalAgreementRatio seedwatch_total_answer_agreement_ratio: agreeing / measured; null when none measured
 */
public record AnswerTargetFigures(int promptsMeasured, int promptsAgreeing, Double totalAgreementRatio) {

    static AnswerTargetFigures of(Iterable<AnswerFigures> prompts) {
        int measured = 0;
        int agreeing = 0;
        for (AnswerFigures a : prompts) {
            if (a.complete()) {
                measured++;
                if (a.agreeing()) {
                    agreeing++;
                }
            }
        }
        return new AnswerTargetFigures(measured, agreeing, measured == 0 ? null : agreeing / (double) measured);
    }
}
