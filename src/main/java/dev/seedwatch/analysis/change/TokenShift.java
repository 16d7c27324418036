package dev.seedwatch.analysis.change;

/**
 * For the page: one token of a logprobs probe, before → after. The means are over all replies of a side, a reply
 * whose top-K list lacks the token counting at its own lowest listed log probability (as in the logprobs test);
 * the shares say in how many of a side's replies the token was listed at all.
 */
public record TokenShift(String token, double referenceMean, double currentMean, double referenceShare,
        double currentShare) {

    /** currentMean − referenceMean, in nats. */
    public double shift() {
        return currentMean - referenceMean;
    }
}
