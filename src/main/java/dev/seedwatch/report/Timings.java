package dev.seedwatch.report;

/**
 * Where a run's time went, in seconds: sending replays, analysis (embedding included), embedding alone, and
 * writing state, metrics and pushing.
 */
public record Timings(double replaySeconds, double analysisSeconds, double embeddingSeconds, int textsEmbedded,
        double exportSeconds) {
}
