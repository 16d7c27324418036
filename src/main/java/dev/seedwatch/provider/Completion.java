package dev.seedwatch.provider;

import java.util.List;

/**
 * A successful attempt's parsed parts, whatever the provider's answer looked like.
 *
 * @param fingerprint what the provider says about its backend; {@link Fingerprint#MISSING} for APIs that have none
 * @param completionTokens output tokens, reasoning or thinking tokens included
 * @param tokens the reply's tokens with their log probabilities, or null when the answer carries none
 */
public record Completion(String text, String finishReason, Fingerprint fingerprint, String servedModel,
        Long promptTokens, Long completionTokens, List<TokenLogprob> tokens) {

    public Completion {
        tokens = tokens == null ? null : List.copyOf(tokens);
    }

    /** A completion without token data (the target asked for none, or its API has none). */
    public Completion(String text, String finishReason, Fingerprint fingerprint, String servedModel, Long promptTokens,
            Long completionTokens) {
        this(text, finishReason, fingerprint, servedModel, promptTokens, completionTokens, null);
    }
}
