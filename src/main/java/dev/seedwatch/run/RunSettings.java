package dev.seedwatch.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.seedwatch.analysis.ChangeDetection;
import dev.seedwatch.replay.ReplaySettings;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.RetryPolicy;

/**
 * The effective settings of one invocation: option, else environment, else property file, else default — checked
 * as a whole so that every mistake is reported at once.
 *
 * @param stateDir where this shard keeps its state (the root, or {@code shard-<i>} below it when sharded)
 * @param reportDir the root state dir, whose {@code runs/} holds the reports of all shards
 * @param runPage the URL of the newest run's page ({@code seedwatch.external-url} + {@code /runs/latest}), if set
 * @param reportHtml whether each run's page is written next to its report
 * @param pushRetry the retry policy of a push or delete: {@code seedwatch.retry}'s waits, the Pushgateway's attempts
 * @param historyCompress whether reports are written gzipped ({@code seedwatch.history.compress})
 * @param changeAlpha the change tests' false-alarm probability over a reference's period ({@code seedwatch.change.alpha})
 */
public record RunSettings(Path suite, Path stateDir, Path reportDir, Optional<URI> pushgateway, Path metricsFile,
        int concurrency, double maxFailureRatio, Shard shard, int fingerprintMemory, int historyKeep,
        ReplaySettings replay, Duration pushTimeout, RetryPolicy pushRetry, Duration runDeadline, boolean reportHtml,
        double behaviourChangeShare, Optional<String> runPage, long historyMaxBytes, boolean historyCompress,
        double changeAlpha) {

    /** Settings with the default {@code seedwatch.change.alpha}. */
    public RunSettings(Path suite, Path stateDir, Path reportDir, Optional<URI> pushgateway, Path metricsFile,
            int concurrency, double maxFailureRatio, Shard shard, int fingerprintMemory, int historyKeep,
            ReplaySettings replay, Duration pushTimeout, RetryPolicy pushRetry, Duration runDeadline,
            boolean reportHtml, double behaviourChangeShare, Optional<String> runPage, long historyMaxBytes,
            boolean historyCompress) {
        this(suite, stateDir, reportDir, pushgateway, metricsFile, concurrency, maxFailureRatio, shard,
                fingerprintMemory, historyKeep, replay, pushTimeout, pushRetry, runDeadline, reportHtml,
                behaviourChangeShare, runPage, historyMaxBytes, historyCompress, ChangeDetection.DEFAULT_ALPHA);
    }

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

    public static RunSettings resolve(Overrides o, SeedwatchConfig c, Function<String, String> env)
            throws InvalidSettingsException {
        List<String> problems = new ArrayList<>();
        Path suite = Path.of(first(o.suite(), c.suite()));
        Path root = Path.of(first(o.stateDir(), c.stateDir()));

        int concurrency = c.concurrency();
        if (o.concurrency() != null) {
            try {
                concurrency = Integer.parseInt(o.concurrency().trim());
            } catch (NumberFormatException e) {
                problems.add("--concurrency (seedwatch.concurrency): must be a whole number, got '" + o.concurrency()
                        + "'");
            }
        }
        if (concurrency < 1 || concurrency > 10_000) {
            problems.add("--concurrency (seedwatch.concurrency): must be between 1 and 10000, got " + concurrency);
        }

        double ratio = c.maxFailureRatio();
        String ratioText = o.maxFailureRatio() != null ? o.maxFailureRatio() : Double.toString(ratio);
        if (o.maxFailureRatio() != null) {
            try {
                ratio = Double.parseDouble(o.maxFailureRatio().trim());
            } catch (NumberFormatException e) {
                problems.add("--max-failure-ratio (seedwatch.max-failure-ratio): must be a number, got '"
                        + o.maxFailureRatio() + "'");
            }
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            problems.add("--max-failure-ratio (seedwatch.max-failure-ratio): must be between 0 and 1, got "
                    + ratioText);
        }

        Shard shard = Shard.ALL;
        try {
            shard = shard(o, c, env);
        } catch (IllegalArgumentException e) {
            problems.add("--shard (seedwatch.shard): " + e.getMessage());
        }

        Optional<URI> pushgateway = Optional.ofNullable(o.pushgateway()).or(() -> c.pushgateway().url())
                .filter(s -> !s.isBlank()).flatMap(s -> pushgateway(s, problems));
        if (c.fingerprintMemory() < 1) {
            problems.add("seedwatch.fingerprint-memory: must be at least 1");
        }
        if (!(c.behaviourChangeShare() > 0 && c.behaviourChangeShare() <= 1)) {
            problems.add("seedwatch.behaviour-change-share: must be above 0 and at most 1, got "
                    + c.behaviourChangeShare());
        }
        if (!(c.change().alpha() > 0 && c.change().alpha() < 1)) {
            problems.add("seedwatch.change.alpha: must be above 0 and below 1, got " + c.change().alpha());
        }
        if (c.history().keep() < 1) {
            problems.add("seedwatch.history.keep: must be at least 1");
        }
        if (c.history().maxBytes().asLongValue() < 1) {
            problems.add("seedwatch.history.max-bytes: must be at least 1");
        }
        if (c.runDeadline().isNegative() || c.runDeadline().isZero()) {
            problems.add("seedwatch.run-deadline: must be positive");
        }
        if (c.retry().maxAttempts() < 1) {
            problems.add("seedwatch.retry.max-attempts: must be at least 1");
        }
        if (c.pushgateway().attempts() < 1) {
            problems.add("seedwatch.pushgateway.attempts: must be at least 1");
        }
        if (c.maxResponseBytes().asLongValue() < 1024) {
            problems.add("seedwatch.max-response-bytes: must be at least 1K, got " + c.maxResponseBytes().asLongValue());
        }
        Optional<String> runPage = c.externalUrl().filter(s -> !s.isBlank()).flatMap(s -> {
            try {
                URI uri = new URI(s.trim());
                if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null
                        || uri.getUserInfo() != null) {
                    problems.add("seedwatch.external-url: must be an http(s) URL without credentials, got '" + s + "'");
                    return Optional.empty();
                }
                return Optional.of(uri.toString().replaceAll("/+$", "") + "/runs/latest");
            } catch (URISyntaxException e) {
                problems.add("seedwatch.external-url: not a URL: " + e.getReason());
                return Optional.empty();
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        Path stateDir = shard.sharded() ? root.resolve("shard-" + shard.index()) : root;
        Path metricsFile = Optional.ofNullable(o.metricsFile()).or(c::metricsFile).map(Path::of)
                .orElse(stateDir.resolve("metrics.prom"));
        SeedwatchConfig.Retry r = c.retry();
        RetryPolicy retry = new RetryPolicy(r.maxAttempts(), r.baseDelay(), r.maxDelay(), r.maxRetryAfter());
        ReplaySettings replay = new ReplaySettings(concurrency, retry, c.requestTimeout(), c.connectTimeout(),
                c.maxResponseBytes().asLongValue());
        return new RunSettings(suite, stateDir, root, pushgateway, metricsFile, concurrency, ratio, shard,
                c.fingerprintMemory(), c.history().keep(), replay, c.pushgateway().timeout(),
                retry.withAttempts(c.pushgateway().attempts()), c.runDeadline(), c.report().html(),
                c.behaviourChangeShare(), runPage, c.history().maxBytes().asLongValue(), c.history().compress(),
                c.change().alpha());
    }

    private static Optional<URI> pushgateway(String text, List<String> problems) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                problems.add("--pushgateway (seedwatch.pushgateway.url): must be an http(s) URL, got '" + text + "'");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add("--pushgateway (seedwatch.pushgateway.url): not a URL: " + e.getReason());
            return Optional.empty();
        }
    }

    private static Shard shard(Overrides o, SeedwatchConfig c, Function<String, String> env) {
        Optional<String> explicit = Optional.ofNullable(o.shard()).or(c::shard).filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            return Shard.parse(explicit.get());
        }
        String index = env.apply("JOB_COMPLETION_INDEX");
        if (index != null && c.shards().isPresent()) {
            return Shard.parse(index.trim() + "/" + c.shards().get());
        }
        return Shard.ALL;
    }

    private static String first(String option, String configured) {
        return option != null ? option : configured;
    }
}
