package dev.seedwatch.analysis;

/**
 * Tokens a target used across all runs, for the {@code seedwatch_tokens_total} counter. A counter never goes
 * down: negative totals (a state file written before counts were validated) count as 0, and a sum that would pass
 * {@link Long#MAX_VALUE} stays there.
 */
public record TokenTotals(long prompt, long completion) {

    public static final TokenTotals ZERO = new TokenTotals(0, 0);

    public TokenTotals {
        prompt = Math.max(0, prompt);
        completion = Math.max(0, completion);
    }

    public TokenTotals plus(long promptTokens, long completionTokens) {
        return new TokenTotals(add(prompt, promptTokens), add(completion, completionTokens));
    }

    private static long add(long total, long more) {
        long sum = total + Math.max(0, more);
        return sum < total ? Long.MAX_VALUE : sum;
    }
}
