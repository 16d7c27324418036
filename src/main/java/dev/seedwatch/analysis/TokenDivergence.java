package dev.seedwatch.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedwatch.provider.TokenLogprob;
import dev.seedwatch.replay.ReplayOutcome;

/** Computes {@link TokenFigures} from the successful replies of one prompt. Tokens are compared by their text. */
public final class TokenDivergence {

    /** Tokens kept on each side of the divergence (or of the smallest gap) in the report. */
    static final int WINDOW = 3;

    private TokenDivergence() {
    }

    /**
     * @param replies the successful replies the prompt's figures come from, in replay order
     * @param mostCommon their most common text
     * @param k the target's {@code logprobs}, or null when it asks for none (then there are no token figures)
     * @return null without {@code k} or without a reply
     */
    public static TokenFigures of(List<ReplayOutcome> replies, String mostCommon, Integer k) {
        if (k == null || replies.isEmpty()) {
            return null;
        }
        // one reply per distinct text, the most common first: identical texts have identical tokens
        Map<String, List<ReplayOutcome>> byText = new LinkedHashMap<>();
        byText.put(mostCommon, new ArrayList<>());
        replies.forEach(r -> byText.computeIfAbsent(r.text(), t -> new ArrayList<>()).add(r));
        ReplayOutcome common = byText.get(mostCommon).stream().filter(r -> r.tokens() != null).findFirst()
                .orElse(byText.get(mostCommon).get(0));
        List<TokenLogprob> tokens = common.tokens();

        Integer divergence = null;
        boolean allHaveTokens = replies.stream().allMatch(r -> r.tokens() != null);
        if (byText.size() > 1 && allHaveTokens) {
            int shared = tokens.size();
            boolean sameLength = true;
            for (List<ReplayOutcome> group : byText.values()) {
                List<TokenLogprob> other = group.get(0).tokens();
                shared = Math.min(shared, sharedPrefix(tokens, other));
                sameLength &= other.size() == tokens.size();
            }
            // texts that differ with the very same token texts give no token to point at
            divergence = shared == tokens.size() && sameLength ? null : Integer.valueOf(shared);
        }
        Double divergenceMargin = divergence != null && k >= 2 && divergence < tokens.size()
                ? tokens.get(divergence).margin()
                : null;

        Double minMargin = null;
        Integer minIndex = null;
        if (k >= 2 && tokens != null) {
            for (int i = 0; i < tokens.size(); i++) {
                Double m = tokens.get(i).margin();
                if (m != null && (minMargin == null || m < minMargin)) {
                    minMargin = m;
                    minIndex = i;
                }
            }
        }

        List<TokenFigures.Window> windows = new ArrayList<>();
        if (divergence != null) {
            for (List<ReplayOutcome> group : byText.values()) {
                windows.add(window(group, divergence));
            }
        } else if (minIndex != null) {
            windows.add(window(byText.get(mostCommon), minIndex));
        }
        return new TokenFigures(divergence, divergenceMargin, minMargin, minIndex, windows);
    }

    private static int sharedPrefix(List<TokenLogprob> a, List<TokenLogprob> b) {
        int n = Math.min(a.size(), b.size());
        int i = 0;
        while (i < n && a.get(i).token().equals(b.get(i).token())) {
            i++;
        }
        return i;
    }

    private static TokenFigures.Window window(List<ReplayOutcome> group, int at) {
        ReplayOutcome reply = group.stream().filter(r -> r.tokens() != null).findFirst().orElseThrow();
        List<TokenLogprob> tokens = reply.tokens();
        int from = Math.max(0, Math.min(at, tokens.size()) - WINDOW);
        int to = Math.min(tokens.size(), at + WINDOW + 1);
        int fromChar = 0;
        for (TokenLogprob t : tokens.subList(0, from)) {
            fromChar += t.token().length();
        }
        return new TokenFigures.Window(reply.index(), group.size(), from, fromChar, tokens.subList(from, to));
    }
}
