package dev.seedwatch.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.seedwatch.run.Overrides;
import dev.seedwatch.run.Selection;

/** Options shared by {@code run}, {@code validate} and {@code serve}; unset ones fall back to configuration. */
public class RunOptions {

    @Mixin
    StateOptions state;

    @Option(names = "--pushgateway", paramLabel = "URL", description = "Pushgateway base URL (default: no push)",
            converter = OptionValues.Pushgateway.class)
    Optional<URI> pushgateway;

    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "Prometheus text file to write (default: <state-dir>/metrics.prom)")
    Optional<Path> metricsFile;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at most (default: 8)",
            converter = OptionValues.Concurrency.class)
    Optional<Integer> concurrency;

    @Option(names = "--max-failure-ratio", paramLabel = "R",
            description = "Share of replays allowed to fail before exit 1 (default: 0)",
            converter = OptionValues.MaxFailureRatio.class)
    Optional<Double> maxFailureRatio;

    Overrides overrides() {
        return overrides(Selection.ALL, false, Optional.empty());
    }

    Overrides overrides(Selection selection, boolean failOnChange, Optional<Path> junit) {
        return new Overrides(state.suite, state.stateDir, pushgateway, metricsFile, concurrency, maxFailureRatio,
                state.shard, selection, failOnChange, junit);
    }
}
