package dev.seedwatch.replay;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.provider.TokenLogprob;

/**
 * What one replay of a (target, prompt) request produced. A replay succeeded when a completion text came back
 * (possibly empty); otherwise {@code failure} says why. Retries are not replays: {@code attempts} counts them, and
 * {@code latencySeconds} is the latency of the attempt that succeeded.
 *
 * @param tokens the reply's tokens with log probabilities, when asked for; the analysis reads them and the report
 *        keeps only the few around a divergence, so they are not written with the replay
 * @param phase for a {@code load-probe} prompt, which half of its replays this is; null otherwise
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
        @JsonIgnore List<TokenLogprob> tokens,
        ReplayPhase phase) {

    public boolean succeeded() {
        return failure == null && text != null;
    }

    public static ReplayOutcome failed(String target, String prompt, int index, int attempts, FailureReason reason,
            Integer httpStatus, String error) {
        return new ReplayOutcome(target, prompt, index, null, null, null, null, null, null, null, attempts, reason,
                httpStatus, error, null, null);
    }

    /** This outcome, marked as one of a load probe's {@code phase}. */
    public ReplayOutcome in(ReplayPhase value) {
        return new ReplayOutcome(target, prompt, index, text, finishReason, fingerprint, servedModel, promptTokens,
                completionTokens, latencySeconds, attempts, failure, httpStatus, error, tokens, value);
    }
}
