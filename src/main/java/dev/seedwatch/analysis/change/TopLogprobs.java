package dev.seedwatch.analysis.change;

import java.util.Map;

/**
 * The top-K alternatives of a probe reply's single output token: token text → natural-log probability. An empty map
 * (a reply without log probabilities) carries nothing and is left out of the tests.
 */
public record TopLogprobs(Map<String, Double> byToken) {

    public TopLogprobs {
        byToken = Map.copyOf(byToken);
    }
}
