package dev.seedwatch.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.seedwatch.replay.ReplaySettings;
import dev.seedwatch.suite.Shard;

/**
 * The effective settings of one invocation: option, else environment, else property file, else default — checked
 * as a whole so that every mistake is reported at once.
 *
 * @param stateDir where this shard keeps its state (the root, or {@code shard-<i>} below it when sharded)
 * @param reportDir the root state dir, whose {@code runs/} holds the reports of all shards
 */
public record RunSettings(Path suite, Path stateDir, Path reportDir, Optional<URI> pushgateway, Path metricsFile,
        int concurrency, double maxFailureRatio, Shard shard, int fingerprintMemory, int historyKeep,
        ReplaySettings replay, Duration pushTimeout, int pushAttempts, Duration runDeadline) {

    public static final class InvalidSettingsException extends Exception {
        private final List<String> problems;

        InvalidSettingsException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static RunSettings resolve(RunOptions o, SeedwatchConfig c, Function<String, String> env)
            throws InvalidSettingsException {
        List<String> problems = new ArrayList<>();
        Path suite = Path.of(first(o.suite, c.suite()));
        Path root = Path.of(first(o.stateDir, c.stateDir()));

        int concurrency = 0;
        String concurrencyText = first(o.concurrency, c.concurrency());
        try {
            concurrency = Integer.parseInt(concurrencyText.trim());
            if (concurrency < 1 || concurrency > 10_000) {
                problems.add("--concurrency (seedwatch.concurrency): must be between 1 and 10000, got " + concurrency);
            }
        } catch (NumberFormatException e) {
            problems.add("--concurrency (seedwatch.concurrency): must be a whole number, got '" + concurrencyText + "'");
        }

        double ratio = 0;
        String ratioText = first(o.maxFailureRatio, c.maxFailureRatio());
        try {
            ratio = Double.parseDouble(ratioText.trim());
            if (!(ratio >= 0 && ratio <= 1)) {
                problems.add("--max-failure-ratio (seedwatch.max-failure-ratio): must be between 0 and 1, got " + ratioText);
            }
        } catch (NumberFormatException e) {
            problems.add("--max-failure-ratio (seedwatch.max-failure-ratio): must be a number, got '" + ratioText + "'");
        }

        Shard shard = Shard.ALL;
        try {
            shard = shard(o, c, env);
        } catch (IllegalArgumentException e) {
            problems.add("--shard (seedwatch.shard): " + e.getMessage());
        }

        Optional<URI> pushgateway = Optional.ofNullable(o.pushgateway).or(() -> c.pushgateway().url())
                .filter(s -> !s.isBlank()).flatMap(s -> {
                    try {
                        URI uri = new URI(s.trim());
                        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                            problems.add("--pushgateway (seedwatch.pushgateway.url): must be an http(s) URL, got '" + s + "'");
                            return Optional.empty();
                        }
                        return Optional.of(uri);
                    } catch (URISyntaxException e) {
                        problems.add("--pushgateway (seedwatch.pushgateway.url): not a URL: " + e.getReason());
                        return Optional.empty();
                    }
                });
        if (c.fingerprintMemory() < 1) {
            problems.add("seedwatch.fingerprint-memory: must be at least 1");
        }
        if (c.history().keep() < 1) {
            problems.add("seedwatch.history.keep: must be at least 1");
        }
        if (c.runDeadline().isNegative() || c.runDeadline().isZero()) {
            problems.add("seedwatch.run-deadline: must be positive");
        }
        if (c.retry().maxAttempts() < 1) {
            problems.add("seedwatch.retry.max-attempts: must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        Path stateDir = shard.sharded() ? root.resolve("shard-" + shard.index()) : root;
        Path metricsFile = Optional.ofNullable(o.metricsFile).or(c::metricsFile).map(Path::of)
                .orElse(stateDir.resolve("metrics.prom"));
        ReplaySettings replay = new ReplaySettings(concurrency, c.retry().maxAttempts(), c.retry().baseDelay(),
                c.retry().maxDelay(), c.retry().maxRetryAfter(), c.requestTimeout(), c.connectTimeout());
        return new RunSettings(suite, stateDir, root, pushgateway, metricsFile, concurrency, ratio, shard,
                c.fingerprintMemory(), c.history().keep(), replay, c.pushgateway().timeout(), c.pushgateway().attempts(),
                c.runDeadline());
    }

    private static Shard shard(RunOptions o, SeedwatchConfig c, Function<String, String> env) {
        Optional<String> explicit = Optional.ofNullable(o.shard).or(c::shard).filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            return Shard.parse(explicit.get());
        }
        String index = env.apply("JOB_COMPLETION_INDEX");
        Optional<String> count = c.shards().filter(s -> !s.isBlank());
        if (index != null && count.isPresent()) {
            return Shard.parse(index.trim() + "/" + count.get().trim());
        }
        return Shard.ALL;
    }

    private static String first(String option, String configured) {
        return option != null ? option : configured;
    }
}
