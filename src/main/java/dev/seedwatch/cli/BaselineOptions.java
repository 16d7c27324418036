package dev.seedwatch.cli;

import picocli.CommandLine.Option;

import dev.seedwatch.run.Overrides;

/** The options {@code baseline pin|show|unpin} use: which suite's runs, in which state dir (and shard). */
public class BaselineOptions {

    @Option(names = "--suite", paramLabel = "FILE", description = "Suite file; its name names the runs (default: suite.yaml)")
    String suite;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State directory (default: .seedwatch)")
    String stateDir;

    @Option(names = "--shard", paramLabel = "I/N", description = "The shard whose state to use (default: 0/1)")
    String shard;

    Overrides overrides() {
        return new Overrides(suite, stateDir, null, null, null, null, shard, null, null, null, false);
    }
}
