package dev.seedwatch.analysis;

/**
 * How many consecutive runs a (target, prompt) has differed from the golden run {@code goldenRunId}; a new pin
 * starts the count again.
 */
public record GoldenDrift(String goldenRunId, int runs) {
}
