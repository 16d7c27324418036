package dev.seedwatch.suite;

import java.util.List;

/** @param answer how to read the answer out of a reply; null when the prompt has no {@code answer} rule */
public record Prompt(String id, Expectation expect, List<Message> messages, RequestSettings settings,
        AnswerRule answer) {

    public Prompt {
        messages = List.copyOf(messages);
    }

    /** A prompt without an answer rule. */
    public Prompt(String id, Expectation expect, List<Message> messages, RequestSettings settings) {
        this(id, expect, messages, settings, null);
    }
}
