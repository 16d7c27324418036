package dev.seedwatch.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The answer figures of one (target, prompt) with an {@code answer} rule. Null fields are undefined and exported as
 * absent series.
 *
 * @param rule the rule as {@code regex:…} or {@code json-pointer:…}
 * @param replayAnswers the answer of each replay in replay order ({@code none} when none was found), null where the
 *        replay failed
 * @param mostCommonAnswer the answer with the highest count, ties to the lexicographically smallest
 * @param agreementRatio seedwatch_answer_agreement_ratio: share of successful replies whose answer is the most
 *        common one
 * @param uniqueAnswers seedwatch_unique_answers: distinct answers among successful replies ({@code none} included)
 * @param missing seedwatch_answers_missing: successful replies with no extractable answer
 * @param answerChanged seedwatch_answer_changed: whether the most common answer differs from the baseline's;
 *        empty without a comparable answer baseline
 * @param complete all planned replays succeeded (counts toward seedwatch_prompts_answer_measured)
 * @param agreeing complete, one answer for all replies, none missing (counts toward seedwatch_prompts_answer_agreeing)
 */
public record AnswerFigures(
        String rule,
        List<String> replayAnswers,
        String mostCommonAnswer,
        Double agreementRatio,
        Integer uniqueAnswers,
        Integer missing,
        @OneOrZero Optional<Boolean> answerChanged,
        boolean complete,
        boolean agreeing) {

    public AnswerFigures {
        // List.copyOf refuses the nulls that stand for failed replays
        replayAnswers = Collections.unmodifiableList(new ArrayList<>(replayAnswers));
    }
}
