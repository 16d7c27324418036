package dev.seedwatch.cli;

import picocli.CommandLine.Option;

import dev.seedwatch.run.Overrides;

/** Which suite, in which state dir and shard: what every command that reads a state dir takes. */
public class StateOptions {

    @Option(names = "--suite", paramLabel = "FILE", description = "Suite file (default: suite.yaml)")
    String suite;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State directory (default: .seedwatch)")
    String stateDir;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run shard I of N (default: 0/1)")
    String shard;

    /** {@code baseline pin|show|unpin}: these options alone. */
    Overrides overrides() {
        return new Overrides(suite, stateDir, null, null, null, null, shard, null, null, null, false, null);
    }
}
