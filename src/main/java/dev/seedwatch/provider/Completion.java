package dev.seedwatch.provider;

/**
 * A successful attempt's parsed parts, whatever the provider's answer looked like.
 *
 * @param fingerprint what the provider says about its backend; {@link Fingerprint#MISSING} for APIs that have none
 * @param completionTokens output tokens, reasoning or thinking tokens included
 */
public record Completion(String text, String finishReason, Fingerprint fingerprint, String servedModel,
        Long promptTokens, Long completionTokens) {
}
