package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.Ports;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.PushgatewayProcess;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * The built jar, run three times against WireMock acting as OpenAI, pushing to Debian's real Pushgateway: a first
 * run, a backend change (new fingerprint, new served model, new texts), then a steady run.
 */
@ExtendWith(RealParts.class)
class PushgatewayIT {

    static final String KEY = "sk-it-canary-9f8e7d6c5b4a";
    static final String OLD_TEXT = "Mission control confirmed the crew entered Mars orbit on schedule.";
    static final String NEW_TEXT = "The lander touched down in Jezero crater after a seven-minute descent.";
    static final String PREFIX = "The crew of Ares IV reported that the ship ";
    static final String A = PREFIX + "passed the halfway point and all systems are nominal.";
    static final String B = PREFIX + "slowed for a course correction after a solar flare warning.";

    @TempDir
    static Path dir;
    @Started
    static PushgatewayProcess pushgateway;
    @Started
    static FakeOpenAi fake;

    @Test
    void threeRunsFirstBackendChangeSteady() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: it
                defaults: {seed: 123, temperature: 0, max-tokens: 200, replays: 5}
                targets:
                  - {name: openai, base-url: "%s", model: gpt-4o-mini, api-key-env: IT_OPENAI_KEY, concurrency: 1}
                prompts:
                  - id: steady
                    messages: [{role: user, content: steady}]
                  - id: diverging
                    messages: [{role: user, content: diverging}]
                """.formatted(fake.baseUrl()));
        Path state = dir.resolve("state");
        JarRunner jar = new JarRunner(dir);
        Map<String, String> env = new HashMap<>(Map.of("IT_OPENAI_KEY", KEY));
        String[] args = { "run", "--suite", suite.toString(), "--state-dir", state.toString(), "--pushgateway",
                pushgateway.url() };
        Map<String, String> target = Map.of("job", "seedwatch", "suite", "it", "target", "openai", "model",
                "gpt-4o-mini");
        Map<String, String> steady = with(target, "prompt", "steady");
        Map<String, String> diverging = with(target, "prompt", "diverging");

        // Run 1: the old backend.
        backend("fp_old", "gpt-4o-mini-2024-07-18", OLD_TEXT);
        JarRunner.Result first = jar.run(env, args);
        assertThat(first.exitCode()).as(first.all()).isZero();
        PromText m = pushgateway.metrics();
        assertThat(m.require("seedwatch_run_success", Map.of("job", "seedwatch", "suite", "it"))).isEqualTo(1);
        assertThat(m.require("seedwatch_fingerprint_info", with(target, "fingerprint", "fp_old"))).isEqualTo(1);
        assertThat(m.value("seedwatch_fingerprint_changed", target)).isEmpty();
        assertThat(m.value("seedwatch_completion_changed", steady)).isEmpty();
        assertThat(m.require("seedwatch_exact_match_ratio", steady)).isEqualTo(1.0);
        assertThat(m.require("seedwatch_replay_distance_mean", steady)).isEqualTo(0.0);
        assertThat(m.require("seedwatch_replay_distance_max", steady)).isEqualTo(0.0);
        assertThat(m.require("seedwatch_exact_match_ratio", diverging)).isLessThan(1.0);
        assertThat(m.require("seedwatch_unique_completions", diverging)).isGreaterThanOrEqualTo(2);
        assertThat(m.require("seedwatch_common_prefix_chars", diverging)).isEqualTo(PREFIX.length())
                .isLessThan(A.length());
        assertThat(m.require("seedwatch_replay_distance_mean", diverging)).isGreaterThan(0.0);
        double firstSuccess = m.require("seedwatch_last_success_timestamp_seconds", Map.of("suite", "it"));

        // Run 2: the backend changed under us.
        backend("fp_new", "gpt-4o-mini-2025-01-01", NEW_TEXT);
        JarRunner.Result second = jar.run(env, args);
        assertThat(second.exitCode()).as(second.all()).isZero();
        m = pushgateway.metrics();
        assertThat(m.require("seedwatch_fingerprint_changed", target)).isEqualTo(1);
        assertThat(m.require("seedwatch_served_model_changed", target)).isEqualTo(1);
        assertThat(m.require("seedwatch_completion_changed", steady)).isEqualTo(1);
        assertThat(m.require("seedwatch_baseline_distance", steady)).isGreaterThan(0.0);
        assertThat(m.require("seedwatch_fingerprint_info", with(target, "fingerprint", "fp_new"))).isEqualTo(1);
        assertThat(m.all("seedwatch_fingerprint_info", with(target, "fingerprint", "fp_old"))).isEmpty();
        assertThat(m.all("seedwatch_fingerprint_replays", with(target, "fingerprint", "fp_old"))).isEmpty();
        assertThat(m.all("seedwatch_served_model_info", with(target, "served_model", "gpt-4o-mini-2024-07-18")))
                .isEmpty();
        assertThat(m.require("seedwatch_previous_fingerprint_info", with(target, "fingerprint", "fp_old")))
                .isEqualTo(1);
        assertThat(m.require("seedwatch_last_success_timestamp_seconds", Map.of("suite", "it")))
                .isGreaterThan(firstSuccess);

        // Run 3: steady on the new backend.
        backend("fp_new", "gpt-4o-mini-2025-01-01", NEW_TEXT);
        JarRunner.Result third = jar.run(env, args);
        assertThat(third.exitCode()).as(third.all()).isZero();
        m = pushgateway.metrics();
        assertThat(m.require("seedwatch_fingerprint_changed", target)).isEqualTo(0);
        assertThat(m.require("seedwatch_served_model_changed", target)).isEqualTo(0);
        assertThat(m.require("seedwatch_completion_changed", steady)).isEqualTo(0);
        assertThat(m.require("seedwatch_baseline_distance", steady)).isEqualTo(0.0);
        assertThat(m.require("seedwatch_completion_changed", diverging)).isEqualTo(0);
        assertThat(m.require("seedwatch_previous_fingerprint_info", with(target, "fingerprint", "fp_new")))
                .isEqualTo(1);
        assertThat(m.all("seedwatch_previous_fingerprint_info", with(target, "fingerprint", "fp_old"))).isEmpty();
        // The push carries only seedwatch's own series: no JVM or Netty binders.
        assertThat(m.samples().stream().filter(s -> "seedwatch".equals(s.labels().get("job")))
                .map(PromText.Sample::name)
                .filter(n -> !n.startsWith("seedwatch_") && !n.equals("push_time_seconds")
                        && !n.equals("push_failure_time_seconds")))
                .isEmpty();
        // The report and the metrics file hold the same run.
        PromText file = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(file.require("seedwatch_exact_match_ratio", Map.of("prompt", "diverging")))
                .isCloseTo(m.require("seedwatch_exact_match_ratio", diverging), within(1e-12));
        try (Stream<Path> reports = Files.list(state.resolve("runs"))) {
            assertThat(reports).hasSize(3);
        }
        for (JarRunner.Result r : new JarRunner.Result[] { first, second, third }) {
            assertThat(r.all()).doesNotContain(KEY);
        }
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(KEY);
            }
        }
        assertThat(pushgateway.get("/metrics")).doesNotContain(KEY);
    }

    @Test
    void pushgatewayDownKeepsReportAndMetricsFileAndExitsThree() throws Exception {
        fake.reset();
        fake.reply("down", new Reply(OLD_TEXT, "fp_x", "m"));
        Path suite = dir.resolve("down.yaml");
        Files.writeString(suite, """
                suite: down
                targets: [{name: t, base-url: "%s", model: m}]
                prompts: [{id: p, replays: 2, messages: [{role: user, content: down}]}]
                """.formatted(fake.baseUrl()));
        Path state = dir.resolve("down-state");
        JarRunner.Result result = new JarRunner(dir).run(Map.of("SEEDWATCH_PUSHGATEWAY_ATTEMPTS", "2"), "run",
                "--suite", suite.toString(), "--state-dir", state.toString(), "--pushgateway",
                "http://127.0.0.1:" + Ports.free());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        PromText file = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(file.require("seedwatch_run_success", Map.of("suite", "down"))).isEqualTo(0);
        assertThat(file.require("seedwatch_exact_match_ratio", Map.of("prompt", "p"))).isEqualTo(1.0);
        assertThat(file.value("seedwatch_last_success_timestamp_seconds", Map.of())).isEmpty();
        try (Stream<Path> reports = Files.list(state.resolve("runs"))) {
            assertThat(reports).hasSize(1);
        }
        assertThat(result.all()).contains("Pushgateway");
    }

    @Test
    void shardsCoverEveryPairOnceAndAChangedLayoutLeavesNoOrphanGroups() throws Exception {
        fake.reset();
        StringBuilder prompts = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            fake.reply("q" + i, new Reply("answer " + i, "fp_s", "m"));
            prompts.append("  - {id: q").append(i).append(", messages: [{role: user, content: q").append(i).append("}]}\n");
        }
        Path suite = dir.resolve("sharded.yaml");
        Files.writeString(suite, """
                suite: sharded
                defaults: {replays: 2}
                targets:
                  - {name: a, base-url: "%1$s", model: m}
                  - {name: b, base-url: "%1$s", model: m}
                prompts:
                %2$s""".formatted(fake.baseUrl(), prompts));
        Path state = dir.resolve("sharded-state");
        JarRunner jar = new JarRunner(dir);
        for (int shard = 0; shard < 2; shard++) {
            JarRunner.Result r = jar.run(Map.of("SEEDWATCH_SHARDS", "2", "JOB_COMPLETION_INDEX", Integer.toString(shard)),
                    "run", "--suite", suite.toString(), "--state-dir", state.toString(), "--pushgateway",
                    pushgateway.url());
            assertThat(r.exitCode()).as(r.all()).isZero();
        }
        PromText m = pushgateway.metrics();
        Map<String, String> suiteLabels = Map.of("job", "seedwatch", "suite", "sharded");
        // 2 targets x 8 prompts, each pair measured by exactly one shard
        assertThat(m.all("seedwatch_replays", suiteLabels)).hasSize(16);
        assertThat(m.all("seedwatch_replays", suiteLabels).stream()
                .map(s -> s.labels().get("target") + "/" + s.labels().get("prompt")).distinct()).hasSize(16);
        assertThat(m.all("seedwatch_run_success", suiteLabels)).extracting(s -> s.labels().get("shard"))
                .containsExactlyInAnyOrder("0", "1");
        double measured = m.all("seedwatch_prompts_measured", suiteLabels).stream()
                .mapToDouble(PromText.Sample::value).sum();
        assertThat(measured).isEqualTo(16);
        assertThat(Files.exists(state.resolve("shard-0").resolve("state.json"))).isTrue();
        assertThat(Files.exists(state.resolve("shard-1").resolve("state.json"))).isTrue();
        try (Stream<Path> reports = Files.list(state.resolve("runs"))) {
            assertThat(reports.map(f -> f.getFileName().toString()))
                    .anyMatch(n -> n.endsWith("-sharded-shard0.json")).anyMatch(n -> n.endsWith("-sharded-shard1.json"));
        }

        // Back to one shard: the shard groups go, only the unsharded group stays.
        JarRunner.Result single = jar.run(Map.of(), "run", "--suite", suite.toString(), "--state-dir",
                state.toString(), "--pushgateway", pushgateway.url());
        assertThat(single.exitCode()).as(single.all()).isZero();
        m = pushgateway.metrics();
        assertThat(m.all("seedwatch_run_success", suiteLabels)).hasSize(1)
                .allSatisfy(s -> assertThat(s.labels().get("shard")).isNull());
        assertThat(m.all("seedwatch_replays", suiteLabels)).hasSize(16);
    }

    private static void backend(String fingerprint, String served, String steadyText) {
        fake.reset();
        fake.reply("steady", new Reply(steadyText, fingerprint, served));
        fake.reply("diverging", new Reply(A, fingerprint, served), new Reply(A, fingerprint, served),
                new Reply(B, fingerprint, served));
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }
}
