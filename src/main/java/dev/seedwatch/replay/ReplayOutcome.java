package dev.seedwatch.replay;

import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;

/**
 * What one replay of a (target, prompt) request produced. A replay succeeded when a completion text came back
 * (possibly empty); otherwise {@code failure} says why. Retries are not replays: {@code attempts} counts them, and
 * {@code latencySeconds} is the latency of the attempt that succeeded.
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
        String error) {

    public boolean succeeded() {
        return failure == null && text != null;
    }

    public static ReplayOutcome failed(String target, String prompt, int index, int attempts, FailureReason reason,
            Integer httpStatus, String error) {
        return new ReplayOutcome(target, prompt, index, null, null, null, null, null, null, null, attempts, reason,
                httpStatus, error);
    }
}
