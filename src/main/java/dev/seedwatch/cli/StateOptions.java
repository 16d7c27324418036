package dev.seedwatch.cli;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

import dev.seedwatch.run.Overrides;
import dev.seedwatch.suite.Shard;

/** Which suite, in which state dir and shard: what every command that reads a state dir takes. */
public class StateOptions {

    @Option(names = "--suite", paramLabel = "FILE", description = "Suite file (default: suite.yaml)")
    Optional<Path> suite;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State directory (default: .seedwatch)")
    Optional<Path> stateDir;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run shard I of N (default: 0/1)",
            converter = OptionValues.ShardValue.class)
    Optional<Shard> shard;

    /** {@code baseline pin|show|unpin}: these options alone. */
    Overrides overrides() {
        return Overrides.state(suite, stateDir, shard);
    }
}
