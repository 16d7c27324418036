package dev.seedwatch.analysis;

import java.time.Instant;

/**
 * The reply a (target, prompt) gave in its last complete run: the most common text, with what is needed to know
 * whether it is still comparable (the request body hash and the embedding model).
 */
public record Baseline(String requestHash, String embeddingModel, String text, String runId, Instant recordedAt) {
}
