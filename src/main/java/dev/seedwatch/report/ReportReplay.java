package dev.seedwatch.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.seedwatch.replay.ReplayOutcome;

/**
 * One replay as a report writes it: every field of its outcome but the text, which its prompt's {@code texts} holds
 * once for all the replays that gave it, and the target and prompt, which the prompt it sits in names. Unwrapped, so that a field added to {@link ReplayOutcome} reaches the report
 * without being listed again here.
 *
 * @param textIndex the position of this replay's text in its prompt's {@code texts}; null when it gave no text
 */
public record ReportReplay(@JsonUnwrapped @JsonIgnoreProperties({ "text", "target", "prompt" }) ReplayOutcome outcome, Integer textIndex) {
}
