package dev.seedwatch.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A diff stays word by word while most words stayed, and turns to sentences or lines when most changed. */
class TextDiffTest {

    @Test
    void aFewChangedWordsAreMarkedWordByWord() {
        TextDiff.Diff diff = TextDiff.of("The crew reached Mars orbit on Monday.", "The crew reached lunar orbit on Monday.");

        assertThat(diff.granularity()).isEqualTo(TextDiff.Granularity.WORD);
        assertThat(diff.parts()).containsExactly(new RunPage.Words("same", "The crew reached "),
                new RunPage.Words("deleted", "Mars"), new RunPage.Words("inserted", "lunar"),
                new RunPage.Words("same", " orbit on Monday."));
    }

    @Test
    void halfTheWordsKeptIsStillAWordDiff() {
        // 2 of 4 words kept: exactly half
        assertThat(TextDiff.of("red green blue black", "red green pink white").granularity())
                .isEqualTo(TextDiff.Granularity.WORD);
    }

    @Test
    void aRewriteIsDiffedSentenceBySentence() {
        TextDiff.Diff diff = TextDiff.of("The cat sat on the mat. It was warm there. The end.",
                "Dogs barked loudly all night. Nobody slept. The end.");

        assertThat(diff.granularity()).isEqualTo(TextDiff.Granularity.SENTENCE);
        assertThat(diff.parts()).containsExactly(
                new RunPage.Words("deleted", "The cat sat on the mat. It was warm there. "),
                new RunPage.Words("inserted", "Dogs barked loudly all night. Nobody slept. "),
                new RunPage.Words("same", "The end."));
    }

    @Test
    void aRewriteWithLineBreaksIsDiffedLineByLine() {
        TextDiff.Diff diff = TextDiff.of("alpha beta\ngamma delta\nend", "one two\nthree four\nend");

        assertThat(diff.granularity()).isEqualTo(TextDiff.Granularity.LINE);
        assertThat(diff.parts()).containsExactly(new RunPage.Words("deleted", "alpha beta\ngamma delta\n"),
                new RunPage.Words("inserted", "one two\nthree four\n"), new RunPage.Words("same", "end"));
    }

    @Test
    void fromOrToAnEmptyTextEverythingIsInsertedOrDeleted() {
        assertThat(TextDiff.of("", "Hello there.").parts()).containsExactly(new RunPage.Words("inserted",
                "Hello there."));
        assertThat(TextDiff.of("Hello there.", "").parts()).containsExactly(new RunPage.Words("deleted",
                "Hello there."));
        assertThat(TextDiff.of("", "").parts()).isEmpty();
    }
}
