package dev.seedwatch.analysis.change;

import java.util.List;
import java.util.Objects;

/**
 * One probe's replies on both sides: one stratum of a permutation test. Replies are only ever exchanged with replies
 * of the same probe. {@code T} is {@link TopLogprobs} for the logprobs test, the reply text for MMD and the embedding
 * ({@code double[]}) for the energy test.
 */
public record Stratum<T>(String probe, List<T> reference, List<T> current) {

    public Stratum {
        Objects.requireNonNull(probe, "probe");
        reference = List.copyOf(reference);
        current = List.copyOf(current);
    }
}
