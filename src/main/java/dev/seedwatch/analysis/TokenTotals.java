package dev.seedwatch.analysis;

/** Tokens a target used across all runs, for the {@code seedwatch_tokens_total} counter. */
public record TokenTotals(long prompt, long completion) {

    public static final TokenTotals ZERO = new TokenTotals(0, 0);

    public TokenTotals plus(long promptTokens, long completionTokens) {
        return new TokenTotals(prompt + promptTokens, completion + completionTokens);
    }
}
