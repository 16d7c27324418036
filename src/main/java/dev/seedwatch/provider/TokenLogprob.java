package dev.seedwatch.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One generated token as the provider reported it.
 *
 * @param top the log probabilities of the provider's top alternatives at this position (the chosen token among
 *        them), highest first
 * @param alternatives the same alternatives by token text (the first of a repeated token), at most
 *        {@link #MAX_ALTERNATIVES}, each text cut at {@link #MAX_TOKEN_CHARS}: what a logprobs probe compares
 */
public record TokenLogprob(String token, double logprob, List<Double> top, Map<String, Double> alternatives) {

    /** More than any API's top-K (OpenAI and Gemini allow 20): a provider cannot grow the state with them. */
    public static final int MAX_ALTERNATIVES = 20;
    public static final int MAX_TOKEN_CHARS = 64;

    public TokenLogprob {
        top = top.stream().sorted((a, b) -> Double.compare(b, a)).toList();
        alternatives = Collections.unmodifiableMap(new LinkedHashMap<>(alternatives));
    }

    /** A token whose alternatives' texts are unknown. */
    public TokenLogprob(String token, double logprob, List<Double> top) {
        this(token, logprob, top, Map.of());
    }

    /** Adds one alternative to {@code into} unless it is full, repeated, or its log probability is no number ≤ 0. */
    static void addAlternative(Map<String, Double> into, String token, double logprob) {
        if (into.size() < MAX_ALTERNATIVES && logprob <= 0 && !Double.isInfinite(logprob)) {
            into.putIfAbsent(token.length() > MAX_TOKEN_CHARS ? token.substring(0, MAX_TOKEN_CHARS) : token, logprob);
        }
    }

    /**
     * Tokens as OpenAI's APIs list them (chat completions' {@code logprobs.content}, a Responses output text's
     * {@code logprobs}): {token, logprob, top_logprobs[{token, logprob}]}.
     */
    static List<TokenLogprob> openAi(JsonNode tokens) {
        List<TokenLogprob> out = new ArrayList<>(tokens.size());
        for (JsonNode t : tokens) {
            List<Double> top = new ArrayList<>();
            Map<String, Double> alternatives = new LinkedHashMap<>();
            t.path("top_logprobs").forEach(alt -> {
                top.add(alt.path("logprob").asDouble());
                addAlternative(alternatives, alt.path("token").asText(), alt.path("logprob").asDouble());
            });
            out.add(new TokenLogprob(t.path("token").asText(), t.path("logprob").asDouble(), top, alternatives));
        }
        return out;
    }

    /** Highest minus second-highest top log probability (natural log, ≥ 0); null with fewer than two. */
    public Double margin() {
        return top.size() < 2 ? null : top.get(0) - top.get(1);
    }
}
