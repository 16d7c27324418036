package dev.seedwatch.replay;

import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;

/**
 * What one replay of a (target, prompt) request produced. A replay succeeded when a completion text came back
 * (possibly empty); otherwise {@code failure} says why. Retries are not replays: {@code attempts} counts them, and
 * {@code latencySeconds} is the latency of the attempt that succeeded.
 *
 * @param textLength the full text's length in characters, set only where {@code text} was cut for the report
 * @param truncated true where {@code text} was cut for the report; null otherwise
 */
public record ReplayOutcome(
        String target,
        String prompt,
        int index,
        String text,
        String finishReason,
        Fingerprint fingerprint,
        String servedModel,
        Long promptTokens,
        Long completionTokens,
        Double latencySeconds,
        int attempts,
        FailureReason failure,
        Integer httpStatus,
        String error,
        Integer textLength,
        Boolean truncated) {

    public ReplayOutcome(String target, String prompt, int index, String text, String finishReason,
            Fingerprint fingerprint, String servedModel, Long promptTokens, Long completionTokens, Double latencySeconds,
            int attempts, FailureReason failure, Integer httpStatus, String error) {
        this(target, prompt, index, text, finishReason, fingerprint, servedModel, promptTokens, completionTokens,
                latencySeconds, attempts, failure, httpStatus, error, null, null);
    }

    /**
     * This replay with its text cut to the first {@code maxChars} characters (never inside a surrogate pair), so
     * that one runaway reply cannot fill the state volume; the figures were computed on the full text.
     */
    public ReplayOutcome cappedTo(int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return this;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return new ReplayOutcome(target, prompt, index, text.substring(0, end), finishReason, fingerprint,
                servedModel, promptTokens, completionTokens, latencySeconds, attempts, failure, httpStatus, error,
                text.length(), Boolean.TRUE);
    }

    public boolean succeeded() {
        return failure == null && text != null;
    }

    public static ReplayOutcome failed(String target, String prompt, int index, int attempts, FailureReason reason,
            Integer httpStatus, String error) {
        return new ReplayOutcome(target, prompt, index, null, null, null, null, null, null, null, attempts, reason,
                httpStatus, error);
    }
}
