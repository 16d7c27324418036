package dev.seedwatch.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.seedwatch.run.Overrides;

/** Options shared by {@code run}, {@code validate} and {@code serve}; unset ones fall back to configuration. */
public class RunOptions {

    @Mixin
    StateOptions state;

    @Option(names = "--pushgateway", paramLabel = "URL", description = "Pushgateway base URL (default: no push)")
    String pushgateway;

    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "Prometheus text file to write (default: <state-dir>/metrics.prom)")
    String metricsFile;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at most (default: 8)")
    String concurrency;

    @Option(names = "--max-failure-ratio", paramLabel = "R",
            description = "Share of replays allowed to fail before exit 1 (default: 0)")
    String maxFailureRatio;

    Overrides overrides() {
        return overrides(new SelectionOptions(), false, null);
    }

    Overrides overrides(SelectionOptions selection, boolean failOnChange, String junit) {
        return new Overrides(state.suite, state.stateDir, pushgateway, metricsFile, concurrency, maxFailureRatio,
                state.shard, selection.replays, selection.targets, selection.prompts, failOnChange, junit);
    }
}
