package dev.seedwatch.suite;

public enum TargetType {
    /** {@code POST {base-url}/chat/completions} with a bearer key. */
    OPENAI,
    /** {@code POST {base-url}/chat/completions?api-version=…} with an {@code api-key} header. */
    AZURE;

    /**
     * Whether the API can return per-token log probabilities (a target's {@code logprobs}). Exhaustive on purpose:
     * a new type must say whether it has them (Anthropic's Messages API has none).
     */
    public boolean acceptsLogprobs() {
        return switch (this) {
            case OPENAI, AZURE -> true;
        };
    }
}
