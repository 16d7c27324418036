package dev.seedwatch.analysis.change;

/** The three two-sample tests; label value of metric {@code test} = {@code name().toLowerCase()}. */
public enum ChangeTest {
    /** Mean log probability of each token seen in the top-K lists ({@code probe: logprobs}). */
    LOGPROBS,
    /** MMD² with a string kernel on the reply text ({@code probe: sample}). */
    MMD,
    /** Energy distance between the replies' embeddings ({@code probe: sample}). */
    ENERGY
}
