package dev.seedwatch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.seedwatch.suite.Shard;

/** Options over configuration: what a command resolves before it sends anything. */
class RunSettingsTest {

    @TempDir
    Path dir;

    /** The mapping as Quarkus fills it, from these properties over the defaults. */
    static SeedwatchConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(SeedwatchConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build().getConfigMapping(SeedwatchConfig.class);
    }

    Overrides stateDir() {
        return Overrides.state(Optional.empty(), Optional.of(dir.resolve("state")), Optional.empty());
    }

    @Test
    void theDefaultsResolve() throws Exception {
        RunSettings settings = RunSettings.resolve(stateDir(), config(Map.of()), name -> null);

        assertThat(settings.suite()).isEqualTo(Path.of("suite.yaml"));
        assertThat(settings.stateDir()).isEqualTo(dir.resolve("state"));
        assertThat(settings.shard()).isEqualTo(Shard.ALL);
        assertThat(settings.replay().concurrency()).isEqualTo(8);
        assertThat(settings.outputs().metricsFile()).isEqualTo(dir.resolve("state/metrics.prom"));
        assertThat(settings.outputs().push()).isEmpty();
        assertThat(settings.outputs().history()).isEqualTo(new RunSettings.History(100, 512L << 20, false, false));
        assertThat(settings.detection()).isEqualTo(new RunSettings.Detection(3, 0.5, 0.01));
        assertThat(settings.runDeadline()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void everyProblemOfTheConfigurationAndTheStateDirIsSaidAtOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        Overrides overrides = Overrides.state(Optional.empty(), Optional.of(file), Optional.empty());
        SeedwatchConfig config = config(Map.of("seedwatch.concurrency", "0", "seedwatch.shard", "2/2",
                "seedwatch.history.keep", "0", "seedwatch.external-url", "https://user:pw@seedwatch.example.com"));

        assertThatThrownBy(() -> RunSettings.resolve(overrides, config, name -> null))
                .isInstanceOfSatisfying(RunSettings.InvalidSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("--state-dir (seedwatch.state-dir): " + file + " is a file, not a directory",
                                "--concurrency (seedwatch.concurrency): must be between 1 and 10000, got 0",
                                "--shard (seedwatch.shard): shard index must be in 0..1, got 2/2",
                                "seedwatch.history.keep: must be at least 1",
                                "seedwatch.external-url: must be an http(s) URL without credentials, got "
                                        + "'https://user:pw@seedwatch.example.com'"));
    }

    @Test
    void anOptionOverridesAConfiguredValueThatWouldNotPass() throws Exception {
        Overrides overrides = new Overrides(Optional.empty(), Optional.of(dir), Optional.of(Overrides.NO_PUSH),
                Optional.empty(), Optional.of(4), Optional.of(0.5), Optional.of(new Shard(1, 2)), Selection.ALL, true,
                Optional.empty());
        SeedwatchConfig config = config(Map.of("seedwatch.concurrency", "0", "seedwatch.max-failure-ratio", "2",
                "seedwatch.shard", "x", "seedwatch.pushgateway.url", "http://pushgateway:9091"));

        RunSettings settings = RunSettings.resolve(overrides, config, name -> null);

        assertThat(settings.replay().concurrency()).isEqualTo(4);
        assertThat(settings.verdict()).isEqualTo(new RunSettings.Verdict(0.5, true));
        assertThat(settings.stateDir()).isEqualTo(dir.resolve("shard-1"));
        assertThat(settings.reportDir()).isEqualTo(dir);
        assertThat(settings.outputs().push()).as("--pushgateway '' turns the configured push off").isEmpty();
    }

    @Test
    void anIndexedJobRunsTheShardOfItsCompletionIndexAndPushesWithThePushgatewaysAttempts() throws Exception {
        SeedwatchConfig config = config(Map.of("seedwatch.shards", "3", "seedwatch.pushgateway.url",
                "http://pushgateway:9091", "seedwatch.pushgateway.attempts", "2", "seedwatch.external-url",
                "https://seedwatch.example.com/"));

        RunSettings settings = RunSettings.resolve(stateDir(), config, Map.of("JOB_COMPLETION_INDEX", "2")::get);

        assertThat(settings.shard()).isEqualTo(new Shard(2, 3));
        assertThat(settings.stateDir()).isEqualTo(dir.resolve("state/shard-2"));
        assertThat(settings.outputs().push()).hasValueSatisfying(push -> {
            assertThat(push.url()).isEqualTo(URI.create("http://pushgateway:9091"));
            assertThat(push.retry().maxAttempts()).isEqualTo(2);
            assertThat(push.timeout()).isEqualTo(Duration.ofSeconds(10));
        });
        assertThat(settings.outputs().runPage()).contains("https://seedwatch.example.com/runs/latest");
    }
}
