package dev.seedwatch.provider;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One generated token as the provider reported it.
 *
 * @param top the log probabilities of the provider's top alternatives at this position (the chosen token among
 *        them), highest first
 */
public record TokenLogprob(String token, double logprob, List<Double> top) {

    public TokenLogprob {
        top = top.stream().sorted((a, b) -> Double.compare(b, a)).toList();
    }

    /**
     * Tokens as OpenAI's APIs list them (chat completions' {@code logprobs.content}, a Responses output text's
     * {@code logprobs}): {token, logprob, top_logprobs[{token, logprob}]}.
     */
    static List<TokenLogprob> openAi(JsonNode tokens) {
        List<TokenLogprob> out = new ArrayList<>(tokens.size());
        for (JsonNode t : tokens) {
            List<Double> top = new ArrayList<>();
            t.path("top_logprobs").forEach(alt -> top.add(alt.path("logprob").asDouble()));
            out.add(new TokenLogprob(t.path("token").asText(), t.path("logprob").asDouble(), top));
        }
        return out;
    }

    /** Highest minus second-highest top log probability (natural log, ≥ 0); null with fewer than two. */
    public Double margin() {
        return top.size() < 2 ? null : top.get(0) - top.get(1);
    }
}
