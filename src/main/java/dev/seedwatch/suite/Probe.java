package dev.seedwatch.suite;

import java.util.Locale;

/**
 * What a probe measures: the distribution of a target's replies, compared with a reference by a two-sample test
 * instead of by the determinism figures. Each kind carries the settings it needs, which beat the suite's
 * {@code defaults} (a probe set on the prompt itself wins over both).
 */
public enum Probe {
    /** One output token with its top-K log probabilities per replay (Log Probability Tracking). */
    LOGPROBS(16, 1, null, true),
    /** Sampled replies without a seed at temperature 1 (Model Equality Testing, embedding energy distance). */
    SAMPLE(20, 40, 1.0, false);

    /** Top log probabilities a logprobs probe asks for when its target names no {@code logprobs}. */
    public static final int DEFAULT_TOP_LOGPROBS = 5;

    private final int replays;
    private final int maxTokens;
    private final Double temperature;
    private final boolean keepsSeed;

    Probe(int replays, int maxTokens, Double temperature, boolean keepsSeed) {
        this.replays = replays;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
        this.keepsSeed = keepsSeed;
    }

    /** The suite's name for the kind, e.g. {@code logprobs}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Replays per run when neither the probe nor the defaults name any. */
    int replays() {
        return replays;
    }

    /** The output limit a probe has unless the probe itself names one. */
    int maxTokens() {
        return maxTokens;
    }

    /** The temperature a probe has unless it names one; null keeps the suite's. */
    Double temperature() {
        return temperature;
    }

    /** Whether the suite's seed is kept; a sample without a seed is what makes it a sample. */
    boolean keepsSeed() {
        return keepsSeed;
    }

    /**
     * The top log probabilities a request of {@code prompt} to {@code target} asks for: the target's {@code logprobs}
     * (a logprobs probe asks for {@link #DEFAULT_TOP_LOGPROBS} when the target names none); null to ask for none.
     */
    public static Integer topLogprobs(Target target, Prompt prompt) {
        if (prompt.probe() == LOGPROBS) {
            return target.logprobs() == null ? DEFAULT_TOP_LOGPROBS : target.logprobs();
        }
        return target.logprobs();
    }
}
