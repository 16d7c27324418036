package dev.seedwatch.suite;

import java.util.Objects;

/** One prompt of one target: what a run replays, a baseline remembers and a shard owns. */
public record PromptKey(String target, String prompt) {

    public PromptKey {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(prompt, "prompt");
    }
}
