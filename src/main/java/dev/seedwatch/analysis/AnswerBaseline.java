package dev.seedwatch.analysis;

import java.time.Instant;

/**
 * The most common answer a (target, prompt) gave in its last complete run, with what tells whether it is still
 * comparable: the request body hash and the rule that read it.
 */
public record AnswerBaseline(String requestHash, String rule, String answer, String runId, Instant recordedAt) {
}
