package dev.seedwatch.run;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import dev.seedwatch.suite.Shard;

/**
 * What the command line set, typed and already checked on its own (empty where an option was not given): resolved
 * together with the configuration in {@link RunSettings}.
 *
 * @param pushgateway {@code --pushgateway}: a URL, or {@link #NO_PUSH} when an empty value turned a configured push off
 * @param selection {@code --target}, {@code --prompt} (repeatable) and {@code --replays}
 * @param failOnChange {@code --fail-on-change}: exit 5 when the run completed and something changed
 * @param junit {@code --junit FILE}: where to write the run as JUnit XML
 */
public record Overrides(Optional<Path> suite, Optional<Path> stateDir, Optional<URI> pushgateway,
        Optional<Path> metricsFile, Optional<Integer> concurrency, Optional<Double> maxFailureRatio,
        Optional<Shard> shard, Selection selection, boolean failOnChange, Optional<Path> junit) {

    /** The empty URI: {@code --pushgateway ''}, nothing pushed whatever the configuration says. */
    public static final URI NO_PUSH = URI.create("");

    /** These overrides with the state, suite and shard options of a command that reads a state dir. */
    public static Overrides state(Optional<Path> suite, Optional<Path> stateDir, Optional<Shard> shard) {
        return new Overrides(suite, stateDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                shard, Selection.ALL, false, Optional.empty());
    }
}
