package dev.seedwatch.suite;

import java.util.List;

public record Prompt(String id, Expectation expect, List<Message> messages, RequestSettings settings) {

    public Prompt {
        messages = List.copyOf(messages);
    }
}
