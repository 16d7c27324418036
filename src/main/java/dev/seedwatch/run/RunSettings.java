package dev.seedwatch.run;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.seedwatch.replay.ReplaySettings;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.RetryPolicy;

/**
 * The effective settings of one invocation: option, else environment, else property file, else default (see
 * {@link SettingsResolution}).
 *
 * @param stateDir where this shard keeps its state (the root, or {@code shard-<i>} below it when sharded)
 * @param reportDir the root state dir, whose {@code runs/} holds the reports of all shards
 * @param selection the targets and prompts to run and their replays ({@code --target}, {@code --prompt},
 *        {@code --replays})
 * @param runDeadline after this long a run stops sending, exports what completed and exits 4
 */
public record RunSettings(Path suite, Path stateDir, Path reportDir, Shard shard, Selection selection,
        ReplaySettings replay, Duration runDeadline, Verdict verdict, Outputs outputs, Detection detection) {

    /**
     * How a run's exit code is decided.
     *
     * @param maxFailureRatio the share of replays allowed to fail before exit 1
     * @param failOnChange exit 5 when the run completed and something changed ({@code --fail-on-change})
     */
    public record Verdict(double maxFailureRatio, boolean failOnChange) {
    }

    /**
     * Where a run's results go besides its state.
     *
     * @param push the Pushgateway to push to, if any
     * @param junit where to write the run as JUnit XML ({@code --junit FILE}), if anywhere
     * @param runPage the URL of the newest run's page ({@code seedwatch.external-url} + {@code /runs/latest}), if set
     */
    public record Outputs(Path metricsFile, Optional<Push> push, History history, Optional<Path> junit,
            Optional<String> runPage) {
    }

    /**
     * @param retry the retry policy of a push or delete: {@code seedwatch.retry}'s waits, the Pushgateway's attempts
     */
    public record Push(URI url, Duration timeout, RetryPolicy retry) {
    }

    /**
     * The kept reports of a suite and shard.
     *
     * @param compress whether reports are written gzipped ({@code seedwatch.history.compress})
     * @param pages whether each run's page is written next to its report
     */
    public record History(int keep, long maxBytes, boolean compress, boolean pages) {
    }

    /**
     * What counts as a change.
     *
     * @param fingerprintMemory how many previous runs a fingerprint or served model must be absent from
     * @param behaviourChangeShare the share of a target's deterministic prompts whose text must be novel
     * @param changeAlpha the change tests' false-alarm probability over a reference's period
     */
    public record Detection(int fingerprintMemory, double behaviourChangeShare, double changeAlpha) {
    }

    /** Settings that cannot be used, every problem at once. */
    public static final class InvalidSettingsException extends Exception {
        private final List<String> problems;

        public InvalidSettingsException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The settings of options {@code o} over configuration {@code c}, with {@code env} for an Indexed Job's index. */
    public static RunSettings resolve(Overrides o, SeedwatchConfig c, Function<String, String> env)
            throws InvalidSettingsException {
        return new SettingsResolution(o, c, env).resolve();
    }

    /** These settings with each run's page written next to its report. */
    public RunSettings withPages() {
        History h = outputs.history();
        return new RunSettings(suite, stateDir, reportDir, shard, selection, replay, runDeadline, verdict,
                new Outputs(outputs.metricsFile(), outputs.push(), new History(h.keep(), h.maxBytes(), h.compress(),
                        true), outputs.junit(), outputs.runPage()), detection);
    }
}
