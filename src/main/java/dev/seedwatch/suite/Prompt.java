package dev.seedwatch.suite;

import java.util.List;

/**
 * @param answer how to read the answer out of a reply; null when the prompt has no {@code answer} rule
 * @param probe what the prompt probes when it is a probe (kept out of the determinism figures); null when it is not
 */
public record Prompt(String id, Expectation expect, List<Message> messages, RequestSettings settings,
        AnswerRule answer, Probe probe) {

    public Prompt {
        messages = List.copyOf(messages);
    }

    /** A prompt that is no probe. */
    public Prompt(String id, Expectation expect, List<Message> messages, RequestSettings settings,
            AnswerRule answer) {
        this(id, expect, messages, settings, answer, null);
    }

    /** A prompt without an answer rule. */
    public Prompt(String id, Expectation expect, List<Message> messages, RequestSettings settings) {
        this(id, expect, messages, settings, null);
    }
}
