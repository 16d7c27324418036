package dev.seedwatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine.Option;

import dev.seedwatch.run.Selection;

/** What part of the suite {@code run} and {@code validate} take, and how often. */
public class SelectionOptions {

    @Option(names = "--replays", paramLabel = "N", description = "Replays of every prompt (default: the suite's)",
            converter = OptionValues.Replays.class)
    Optional<Integer> replays;

    @Option(names = "--target", paramLabel = "NAME",
            description = "Run only this target (repeatable); the state of the others stays as it was")
    List<String> targets = new ArrayList<>();

    @Option(names = "--prompt", paramLabel = "ID",
            description = "Run only this prompt (repeatable); the state of the others stays as it was")
    List<String> prompts = new ArrayList<>();

    Selection selection() {
        return new Selection(replays, Set.copyOf(targets), Set.copyOf(prompts));
    }
}
