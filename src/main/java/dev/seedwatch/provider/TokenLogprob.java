package dev.seedwatch.provider;

import java.util.List;

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

    /** Highest minus second-highest top log probability (natural log, ≥ 0); null with fewer than two. */
    public Double margin() {
        return top.size() < 2 ? null : top.get(0) - top.get(1);
    }
}
