package dev.seedwatch.run;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.seedwatch.replay.ReplaySettings;
import dev.seedwatch.run.RunSettings.Detection;
import dev.seedwatch.run.RunSettings.History;
import dev.seedwatch.run.RunSettings.Outputs;
import dev.seedwatch.run.RunSettings.Push;
import dev.seedwatch.run.RunSettings.Verdict;
import dev.seedwatch.run.SettingRules.InvalidValueException;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.RetryPolicy;

/**
 * Options over configuration, checked as a whole so that every mistake is reported at once. An option's value was
 * checked when it was parsed; a configured value an option may override is checked here, only where it is used.
 */
final class SettingsResolution {

    private final Overrides o;
    private final SeedwatchConfig c;
    private final Function<String, String> env;
    private final List<String> problems = new ArrayList<>();

    SettingsResolution(Overrides o, SeedwatchConfig c, Function<String, String> env) {
        this.o = o;
        this.c = c;
        this.env = env;
    }

    RunSettings resolve() throws RunSettings.InvalidSettingsException {
        Path root = o.stateDir().orElseGet(() -> Path.of(c.stateDir()));
        fileInTheWay(root).ifPresent(file -> problems.add("--state-dir (seedwatch.state-dir): " + root
                + (file.equals(root.toAbsolutePath()) ? "" : ": " + file) + " is a file, not a directory"));
        int concurrency = o.concurrency().orElseGet(() -> checked(() -> SettingRules.concurrency(c.concurrency()), 1));
        double ratio = o.maxFailureRatio().orElseGet(() -> checked(() -> SettingRules.maxFailureRatio(
                c.maxFailureRatio(), Double.toString(c.maxFailureRatio())), 0.0));
        Shard shard = o.shard().orElseGet(() -> checked(this::configuredShard, Shard.ALL));
        Optional<URI> pushgateway = o.pushgateway().or(() -> c.pushgateway().url().map(url -> checked(
                () -> SettingRules.pushgateway(url), Overrides.NO_PUSH))).filter(uri -> !uri.equals(Overrides.NO_PUSH));
        problems.addAll(c.problems());
        Optional<String> runPage = checked(() -> SettingRules.runPage(c.externalUrl()), Optional.empty());
        if (!problems.isEmpty()) {
            throw new RunSettings.InvalidSettingsException(problems);
        }
        Path stateDir = shard.sharded() ? root.resolve("shard-" + shard.index()) : root;
        RetryPolicy retry = retry(c.retry());
        return new RunSettings(o.suite().orElseGet(() -> Path.of(c.suite())), stateDir, root, shard, o.selection(),
                new ReplaySettings(concurrency, retry, c.requestTimeout(), c.connectTimeout(),
                        c.maxResponseBytes().asLongValue()),
                c.runDeadline(), new Verdict(ratio, o.failOnChange()),
                outputs(stateDir, pushgateway.map(url -> new Push(url, c.pushgateway().timeout(),
                        retry.withAttempts(c.pushgateway().attempts()))), runPage),
                new Detection(c.fingerprintMemory(), c.behaviourChangeShare(), c.change().alpha()));
    }

    private Outputs outputs(Path stateDir, Optional<Push> push, Optional<String> runPage) {
        Path metricsFile = o.metricsFile().or(() -> c.metricsFile().map(Path::of))
                .orElse(stateDir.resolve("metrics.prom"));
        SeedwatchConfig.History h = c.history();
        return new Outputs(metricsFile, push,
                new History(h.keep(), h.maxBytes().asLongValue(), h.compress(), c.report().html()), o.junit(),
                runPage);
    }

    private static RetryPolicy retry(SeedwatchConfig.Retry r) {
        return new RetryPolicy(r.maxAttempts(), r.baseDelay(), r.maxDelay(), r.maxRetryAfter());
    }

    /** {@code seedwatch.shard}, else {@code JOB_COMPLETION_INDEX} of {@code seedwatch.shards}, else all. */
    private Shard configuredShard() throws InvalidValueException {
        Optional<String> explicit = c.shard().filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            return SettingRules.shard(explicit.get());
        }
        String index = env.apply("JOB_COMPLETION_INDEX");
        if (index != null && c.shards().isPresent()) {
            return SettingRules.shard(index.trim() + "/" + c.shards().get());
        }
        return Shard.ALL;
    }

    private interface Check<T> {
        T value() throws InvalidValueException;
    }

    /** The checked value, or {@code fallback} with the problem noted so that the other checks still run. */
    private <T> T checked(Check<T> check, T fallback) {
        try {
            return check.value();
        } catch (InvalidValueException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }

    /** The file that stands where the state dir or one of its parents should be, if one does. */
    private static Optional<Path> fileInTheWay(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
