package dev.seedwatch.cli;

import picocli.CommandLine.Option;

import dev.seedwatch.run.Overrides;

/** Options shared by {@code run}, {@code validate} and {@code serve}; unset ones fall back to configuration. */
public class RunOptions {

    @Option(names = "--suite", paramLabel = "FILE", description = "Suite file (default: suite.yaml)")
    String suite;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State directory (default: .seedwatch)")
    String stateDir;

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

    @Option(names = "--shard", paramLabel = "I/N", description = "Run shard I of N (default: 0/1)")
    String shard;

    Overrides overrides() {
        return overrides(new SelectionOptions(), false);
    }

    Overrides overrides(SelectionOptions selection, boolean failOnChange) {
        return new Overrides(suite, stateDir, pushgateway, metricsFile, concurrency, maxFailureRatio, shard,
                selection.replays, selection.targets, selection.prompts, failOnChange);
    }
}
