package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedwatch.suite.AnswerRule;

/** Answer extraction and the per-prompt answer figures, with hand-computed expectations. */
class AnswersTest {

    static final AnswerRule LABEL = AnswerRule.regex("Label: (\\w+)");
    static final AnswerRule POINTER = AnswerRule.jsonPointer("/answer");

    @Test
    void regexWithAGroupGivesTheGroupTrimmed() {
        assertThat(Answers.extract(AnswerRule.regex("Answer:(.*)$"), "Answer:  Canberra  ")).isEqualTo("Canberra");
        assertThat(Answers.extract(LABEL, "Label: positive. Label: negative")).isEqualTo("positive");
    }

    @Test
    void regexWithoutAGroupGivesTheWholeFirstMatch() {
        assertThat(Answers.extract(AnswerRule.regex("\\d+"), "between 12 and 34")).isEqualTo("12");
    }

    @Test
    void noMatchOrAGroupThatDidNotTakePartIsNoAnswer() {
        assertThat(Answers.extract(LABEL, "I cannot classify this.")).isNull();
        assertThat(Answers.extract(AnswerRule.regex("x(y)?"), "x")).isNull();
    }

    @Test
    void pointerIntoBareJson() {
        assertThat(Answers.extract(POINTER, " {\"answer\": \"yes\", \"n\": 2}\n")).isEqualTo("yes");
        assertThat(Answers.extract(AnswerRule.jsonPointer("/a~1b/0"), "{\"a/b\": [7, 8]}")).isEqualTo("7");
    }

    @Test
    void pointerIntoTheFirstJsonFence() {
        String reply = """
                Here you go:
                ```json
                {"answer": "first"}
                ```
                and again
                ```json
                {"answer": "second"}
                ```
                """;
        assertThat(Answers.extract(POINTER, reply)).isEqualTo("first");
    }

    @Test
    void invalidJsonOrAMissingPointerIsNoAnswer() {
        assertThat(Answers.extract(POINTER, "{\"answer\": ")).isNull();
        assertThat(Answers.extract(POINTER, "{\"answer\": 1} trailing prose")).isNull();
        assertThat(Answers.extract(POINTER, "```json\nnot json\n```")).isNull();
        assertThat(Answers.extract(POINTER, "{\"other\": 1}")).isNull();
        assertThat(Answers.extract(POINTER, "")).isNull();
    }

    @Test
    void nonStringValuesAreTheirCompactJsonText() {
        assertThat(Answers.extract(POINTER, "{\"answer\": {\"a\": [1, 2]}}")).isEqualTo("{\"a\":[1,2]}");
        assertThat(Answers.extract(POINTER, "{\"answer\": [\"x\", null]}")).isEqualTo("[\"x\",null]");
        // numbers as parsed: 4.50 and 4.5 are one answer
        assertThat(Answers.extract(POINTER, "{\"answer\": 4.50}")).isEqualTo("4.5");
        assertThat(Answers.extract(POINTER, "{\"answer\": true}")).isEqualTo("true");
        assertThat(Answers.extract(POINTER, "{\"answer\": null}")).isEqualTo("null");
        assertThat(Answers.extract(AnswerRule.jsonPointer(""), "42")).isEqualTo("42");
    }

    @Test
    void unicodeAnswersAreKeptAndTrimmedOfUnicodeSpace() {
        assertThat(Answers.extract(AnswerRule.regex("Ответ:(.+)"), "Ответ:\u2003東京😀\u2003")).isEqualTo("東京😀");
        assertThat(Answers.extract(POINTER, "{\"answer\": \"  café ☕ \"}")).isEqualTo("café ☕");
    }

    @Test
    void figuresCountAnswersNotTexts() {
        // five different texts, answers positive x3, negative x1, none x1
        List<String> texts = List.of("Label: positive!", "Label: positive.", "Label: negative", "no idea",
                "Sure. Label: positive");
        AnswerFigures f = Answers.figures(LABEL, texts, texts, true, null);

        assertThat(f.replayAnswers()).containsExactly("positive", "positive", "negative", Answers.NONE, "positive");
        assertThat(f.mostCommonAnswer()).isEqualTo("positive");
        assertThat(f.agreementRatio()).isEqualTo(3 / 5.0);
        assertThat(f.uniqueAnswers()).isEqualTo(3);
        assertThat(f.missing()).isEqualTo(1);
        assertThat(f.answerChanged()).isEmpty();
        assertThat(f.complete()).isTrue();
        assertThat(f.agreeing()).isFalse();
        assertThat(f.rule()).isEqualTo("regex:Label: (\\w+)");
    }

    @Test
    void differentTextsWithOneAnswerAgree() {
        List<String> texts = List.of("Label: positive", "Well... Label: positive", "Label: positive  ");
        AnswerFigures f = Answers.figures(LABEL, texts, texts, true, null);

        assertThat(f.agreementRatio()).isEqualTo(1.0);
        assertThat(f.uniqueAnswers()).isEqualTo(1);
        assertThat(f.missing()).isZero();
        assertThat(f.agreeing()).isTrue();
    }

    @Test
    void allMissingIsOneAnswerButNeverAgreeing() {
        List<String> texts = List.of("a", "b");
        AnswerFigures f = Answers.figures(LABEL, texts, texts, true, null);

        assertThat(f.mostCommonAnswer()).isEqualTo(Answers.NONE);
        assertThat(f.uniqueAnswers()).isEqualTo(1);
        assertThat(f.missing()).isEqualTo(2);
        assertThat(f.agreeing()).isFalse();
    }

    @Test
    void tiesGoToTheLexicographicallySmallestAnswer() {
        List<String> texts = List.of("Label: zebra", "Label: apple", "Label: zebra", "Label: apple");
        AnswerFigures f = Answers.figures(LABEL, texts, texts, true, null);

        assertThat(f.mostCommonAnswer()).isEqualTo("apple");
        assertThat(f.agreementRatio()).isEqualTo(0.5);
    }

    @Test
    void failedReplaysHaveNoAnswerAndThePromptIsNotMeasured() {
        List<String> replies = Arrays.asList("Label: yes", null, "Label: yes");
        List<String> texts = List.of("Label: yes", "Label: yes");
        AnswerFigures f = Answers.figures(LABEL, replies, texts, false, null);

        assertThat(f.replayAnswers()).containsExactly("yes", null, "yes");
        assertThat(f.agreementRatio()).isEqualTo(1.0);
        assertThat(f.complete()).isFalse();
        assertThat(f.agreeing()).isFalse();
    }

    @Test
    void noSuccessfulReplyLeavesEveryFigureAbsent() {
        AnswerFigures f = Answers.figures(LABEL, Arrays.asList(null, null), List.of(), false,
                new AnswerBaseline("sha256:h", LABEL.describe(), "yes", "run-1", Instant.EPOCH));

        assertThat(f.mostCommonAnswer()).isNull();
        assertThat(f.agreementRatio()).isNull();
        assertThat(f.uniqueAnswers()).isNull();
        assertThat(f.missing()).isNull();
        assertThat(f.answerChanged()).isEmpty();
    }

    @Test
    void answerChangedAgainstTheBaseline() {
        AnswerBaseline yes = new AnswerBaseline("sha256:h", LABEL.describe(), "yes", "run-1", Instant.EPOCH);
        List<String> same = List.of("Label: yes", "The Label: yes");
        List<String> other = List.of("Label: no", "Label: no");

        assertThat(Answers.figures(LABEL, same, same, true, yes).answerChanged()).contains(false);
        assertThat(Answers.figures(LABEL, other, other, true, yes).answerChanged()).contains(true);
    }
}
