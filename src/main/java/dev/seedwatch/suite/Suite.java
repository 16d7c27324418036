package dev.seedwatch.suite;

import java.nio.file.Path;
import java.util.List;

/** A loaded, validated suite: what to ask, whom, and how often. */
public record Suite(Path file, String name, List<Target> targets, EmbeddingSettings embedding, List<Prompt> prompts,
        List<String> warnings) {

    public Suite {
        targets = List.copyOf(targets);
        prompts = List.copyOf(prompts);
        warnings = List.copyOf(warnings);
    }
}
