package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedwatch.provider.TokenLogprob;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.testing.Build;

/** Token divergence on crafted log probabilities, every figure worked out by hand in the comments. */
class TokenDivergenceTest {

    static final double EPS = 1e-12;
    static final PlannedRequest REQUEST = PlannedRequest.of(Build.target("t").logprobs(2).build(),
            Build.prompt("p").build());

    /** A token whose top log probabilities are {@code top} (the first is the chosen token's). */
    static TokenLogprob tok(String token, double... top) {
        return new TokenLogprob(token, top[0], Arrays.stream(top).boxed().toList());
    }

    static ReplayOutcome reply(int index, List<TokenLogprob> tokens) {
        StringBuilder text = new StringBuilder();
        tokens.forEach(t -> text.append(t.token()));
        return Build.reply(REQUEST, index, text.toString()).tokens(tokens).build();
    }

    static TokenFigures of(Integer k, ReplayOutcome... replies) {
        List<ReplayOutcome> list = List.of(replies);
        List<String> texts = list.stream().map(ReplayOutcome::text).toList();
        return TokenDivergence.of(list, ReplyStatistics.mostCommon(ReplyStatistics.counts(texts)), k);
    }

    // gaps: "Once" -0.1 - (-2.5) = 2.4, " upon" 0.7, " a" 2.95
    static final List<TokenLogprob> ONCE = List.of(tok("Once", -0.1, -2.5), tok(" upon", -0.2, -0.9),
            tok(" a", -0.05, -3.0));

    @Test
    void identicalRepliesHaveNoDivergenceButASmallestMargin() {
        TokenFigures f = of(2, reply(0, ONCE), reply(1, ONCE), reply(2, ONCE));

        assertThat(f.firstDivergenceToken()).isNull();
        assertThat(f.divergenceMargin()).isNull();
        // gaps 2.4, 0.7, 2.95: the smallest is " upon"'s
        assertThat(f.minTokenMargin()).isCloseTo(0.7, within(EPS));
        assertThat(f.minTokenMarginIndex()).isEqualTo(1);
        assertThat(f.windows()).singleElement().satisfies(w -> {
            assertThat(w.replies()).isEqualTo(3);
            assertThat(w.from()).isZero();
            assertThat(w.fromChar()).isZero();
            assertThat(w.tokens()).isEqualTo(ONCE);
        });
    }

    @Test
    void aSplitAtTheFirstToken() {
        List<TokenLogprob> x = List.of(tok("x", -0.6, -0.8), tok("a", -0.1, -1.1));
        List<TokenLogprob> y = List.of(tok("y", -0.6, -0.8), tok("b", -0.3, -0.4));

        TokenFigures f = of(2, reply(0, y), reply(1, x), reply(2, x));

        assertThat(f.firstDivergenceToken()).isZero();
        // in the most common reply "xa": -0.6 - (-0.8)
        assertThat(f.divergenceMargin()).isCloseTo(0.2, within(EPS));
        // "xa": gaps 0.2 and 1.0
        assertThat(f.minTokenMargin()).isCloseTo(0.2, within(EPS));
        assertThat(f.minTokenMarginIndex()).isZero();
        // one window per distinct text, the most common first
        assertThat(f.windows()).extracting(TokenFigures.Window::replay, TokenFigures.Window::replies,
                TokenFigures.Window::from).containsExactly(tuple(1, 2, 0), tuple(0, 1, 0));
    }

    @Test
    void aLateSplitKeepsOnlyTheTokensAroundIt() {
        List<TokenLogprob> shared = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            shared.add(tok("t" + i, -0.01, -5.0));
        }
        List<TokenLogprob> a = new ArrayList<>(shared);
        a.addAll(List.of(tok(" cat", -0.70, -0.72), tok(".", -0.01, -6.0)));
        List<TokenLogprob> b = new ArrayList<>(shared);
        b.addAll(List.of(tok(" dog", -0.70, -0.72)));

        TokenFigures f = of(2, reply(0, a), reply(1, b), reply(2, a));

        assertThat(f.firstDivergenceToken()).isEqualTo(10);
        assertThat(f.divergenceMargin()).isCloseTo(0.02, within(1e-9));
        assertThat(f.minTokenMargin()).isCloseTo(0.02, within(1e-9));
        assertThat(f.minTokenMarginIndex()).isEqualTo(10);
        // tokens 7..11 of "a" (3 before, the split, 1 after, cut at its end); tokens 7..10 of "b"
        assertThat(f.windows()).hasSize(2);
        TokenFigures.Window wa = f.windows().get(0);
        assertThat(wa.from()).isEqualTo(7);
        assertThat(wa.fromChar()).isEqualTo(14); // "t0".."t6"
        assertThat(wa.tokens()).extracting(TokenLogprob::token).containsExactly("t7", "t8", "t9", " cat", ".");
        assertThat(f.windows().get(1).tokens()).extracting(TokenLogprob::token)
                .containsExactly("t7", "t8", "t9", " dog");
    }

    @Test
    void aReplyWithoutTokenDataLeavesTheDivergenceAbsent() {
        List<TokenLogprob> x = List.of(tok("x", -0.6, -0.8), tok("a", -0.1, -1.1));
        ReplayOutcome bare = Build.reply(REQUEST, 2, "yb").build();

        TokenFigures f = of(2, reply(0, x), reply(1, x), bare);

        assertThat(f.firstDivergenceToken()).isNull();
        assertThat(f.divergenceMargin()).isNull();
        // the most common reply has its tokens: its smallest gap is still known
        assertThat(f.minTokenMargin()).isCloseTo(0.2, within(EPS));
    }

    @Test
    void withOneTopLogprobThereIsNoMargin() {
        List<TokenLogprob> x = List.of(tok("x", -0.6), tok("a", -0.1));
        List<TokenLogprob> y = List.of(tok("x", -0.6), tok("b", -0.3));

        TokenFigures f = of(1, reply(0, x), reply(1, x), reply(2, y));

        assertThat(f.firstDivergenceToken()).isEqualTo(1);
        assertThat(f.divergenceMargin()).isNull();
        assertThat(f.minTokenMargin()).isNull();
        assertThat(f.windows()).hasSize(2);
    }

    @Test
    void aReplyThatStopsEarlierDivergesWhereItEnds() {
        List<TokenLogprob> longer = List.of(tok("x", -0.6, -0.8), tok("a", -0.1, -1.1));
        List<TokenLogprob> shorter = List.of(tok("x", -0.6, -0.8));

        TokenFigures f = of(2, reply(0, longer), reply(1, longer), reply(2, shorter));

        assertThat(f.firstDivergenceToken()).isEqualTo(1);
        assertThat(f.divergenceMargin()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void noTokenFiguresWithoutLogprobsOrReplies() {
        assertThat(of(null, reply(0, ONCE))).isNull();
        assertThat(TokenDivergence.of(List.of(), null, 2)).isNull();
    }
}
