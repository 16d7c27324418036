package dev.seedwatch.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings from {@code application.properties}, {@code SEEDWATCH_*} environment variables and system properties;
 * command-line options take precedence. A value of the wrong type fails the boot, which {@code SeedwatchMain} turns
 * into exit 2 naming the property. A value in range is checked here ({@link #problems()}) for the settings no option
 * overrides, and in {@link RunSettings} for those an option may override.
 */
@ConfigMapping(prefix = "seedwatch")
public interface SeedwatchConfig {

    @WithDefault("suite.yaml")
    String suite();

    @WithDefault(".seedwatch")
    String stateDir();

    Pushgateway pushgateway();

    Optional<String> metricsFile();

    @WithDefault("8")
    int concurrency();

    @WithDefault("0")
    double maxFailureRatio();

    /** {@code I/N}; else {@code JOB_COMPLETION_INDEX} with {@link #shards()}. */
    Optional<String> shard();

    /** N for Indexed Jobs, which set only {@code JOB_COMPLETION_INDEX}. */
    Optional<Integer> shards();

    /** How many previous runs a fingerprint or served model must be absent from to count as changed. */
    @WithDefault("3")
    int fingerprintMemory();

    /**
     * The share of a target's compared deterministic prompts whose most common text must be novel (and at least one)
     * for its behaviour to count as changed.
     */
    @WithDefault("0.5")
    double behaviourChangeShare();

    History history();

    Change change();

    /**
     * What is wrong with the settings that no option overrides, one line each; a check across several of them, or
     * one that an option may override, is in {@link RunSettings}.
     */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (fingerprintMemory() < 1) {
            problems.add("seedwatch.fingerprint-memory: must be at least 1");
        }
        if (!(behaviourChangeShare() > 0 && behaviourChangeShare() <= 1)) {
            problems.add("seedwatch.behaviour-change-share: must be above 0 and at most 1, got " + behaviourChangeShare());
        }
        problems.addAll(change().problems());
        problems.addAll(history().problems());
        if (runDeadline().isNegative() || runDeadline().isZero()) {
            problems.add("seedwatch.run-deadline: must be positive");
        }
        problems.addAll(retry().problems());
        problems.addAll(pushgateway().problems());
        if (maxResponseBytes().asLongValue() < 1024) {
            problems.add("seedwatch.max-response-bytes: must be at least 1K, got " + maxResponseBytes().asLongValue());
        }
        return problems;
    }

    interface Change {
        /**
         * The false-alarm probability of the change tests over the whole period since a reference was set: change is
         * detected once the evidence reaches 1 / alpha.
         */
        @WithDefault("0.01")
        double alpha();

        default List<String> problems() {
            return alpha() > 0 && alpha() < 1 ? List.of()
                    : List.of("seedwatch.change.alpha: must be above 0 and below 1, got " + alpha());
        }
    }

    Retry retry();

    /** The whole exchange of one request (connect, send, every byte of the answer) unless a target sets its own. */
    @WithDefault("60s")
    Duration requestTimeout();

    @WithDefault("10s")
    Duration connectTimeout();

    /** The most bytes one answer may have; a larger one fails its replay (bad_response) without a retry. */
    @WithDefault("8M")
    MemorySize maxResponseBytes();

    /**
     * Where people reach this seedwatch's run pages ({@code seedwatch serve}, or wherever the pages are published),
     * e.g. {@code https://seedwatch.example.com}: exported as {@code seedwatch_run_page_info}, which the alerts link.
     */
    Optional<String> externalUrl();

    /** serve mode: when to run the suite, as a 5-field unix cron expression (like a CronJob's schedule). */
    Optional<String> schedule();

    /** After this long a run stops sending, exports what completed and exits 4. */
    @WithDefault("1h")
    Duration runDeadline();

    interface Pushgateway {
        Optional<String> url();

        @WithDefault("10s")
        Duration timeout();

        /** Attempts per push or delete, with the waits of {@code seedwatch.retry}. */
        @WithDefault("3")
        int attempts();

        default List<String> problems() {
            return attempts() < 1 ? List.of("seedwatch.pushgateway.attempts: must be at least 1") : List.of();
        }
    }

    Report report();

    interface Report {
        /** Also write each run's page ({@code seedwatch report}) next to its JSON report. */
        @WithDefault("false")
        boolean html();
    }

    interface History {
        /** Run reports kept in {@code <state-dir>/runs}. */
        @WithDefault("100")
        int keep();

        /** Bytes the kept reports (and pages) of one suite and shard may take; the oldest go first. */
        @WithDefault("512M")
        MemorySize maxBytes();

        /**
         * Write each report gzipped, as {@code <run>.json.gz}: a report is mostly JSON keys and figures that repeat
         * from replay to replay, and compresses to a small part of its size.
         */
        @WithDefault("false")
        boolean compress();

        default List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (keep() < 1) {
                problems.add("seedwatch.history.keep: must be at least 1");
            }
            if (maxBytes().asLongValue() < 1) {
                problems.add("seedwatch.history.max-bytes: must be at least 1");
            }
            return problems;
        }
    }

    interface Retry {
        /** Attempts per replay, the first included. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("500ms")
        Duration baseDelay();

        @WithDefault("30s")
        Duration maxDelay();

        /** Cap on a provider's Retry-After. */
        @WithDefault("60s")
        Duration maxRetryAfter();

        default List<String> problems() {
            return maxAttempts() < 1 ? List.of("seedwatch.retry.max-attempts: must be at least 1") : List.of();
        }
    }
}
