package dev.seedwatch.analysis;

import java.util.List;

import dev.seedwatch.provider.TokenLogprob;

/**
 * Where the replies of a prompt part, token by token, and how close they came to parting, from the log
 * probabilities of a target with {@code logprobs: K}. Null fields are undefined and exported as absent series.
 *
 * @param firstDivergenceToken seedwatch_first_divergence_token: leading tokens shared by all successful replies
 *        (the index of the first token where they differ); null when all are identical or a reply lacks token data
 * @param divergenceMargin seedwatch_divergence_margin: at that index, in the most common reply, highest minus
 *        second-highest top log probability (natural log, ≥ 0); null with the above or when K &lt; 2
 * @param minTokenMargin seedwatch_min_token_margin: over all tokens of the most common reply, the smallest such
 *        gap; null when K &lt; 2
 * @param minTokenMarginIndex the token of the most common reply where that smallest gap is
 * @param windows per distinct reply text, the tokens around the divergence (or, when all agree, around the
 *        smallest gap of the most common reply): all of the token data the report keeps
 */
public record TokenFigures(Integer firstDivergenceToken, Double divergenceMargin, Double minTokenMargin,
        Integer minTokenMarginIndex, List<Window> windows) {

    public TokenFigures {
        windows = List.copyOf(windows);
    }

    /**
     * Tokens {@code from} … of one reply text.
     *
     * @param replay the index of a replay that gave this text
     * @param replies how many replays gave it
     * @param fromChar the UTF-16 length of the token texts before {@code from}, where the window starts in the text
     */
    public record Window(int replay, int replies, int from, int fromChar, List<TokenLogprob> tokens) {

        public Window {
            tokens = List.copyOf(tokens);
        }
    }
}
