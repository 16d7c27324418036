package dev.seedwatch.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** What part of the suite {@code run} and {@code validate} take, and how often. */
public class SelectionOptions {

    @Option(names = "--replays", paramLabel = "N", description = "Replays of every prompt (default: the suite's)")
    String replays;

    @Option(names = "--target", paramLabel = "NAME",
            description = "Run only this target (repeatable); the state of the others stays as it was")
    List<String> targets = new ArrayList<>();

    @Option(names = "--prompt", paramLabel = "ID",
            description = "Run only this prompt (repeatable); the state of the others stays as it was")
    List<String> prompts = new ArrayList<>();
}
