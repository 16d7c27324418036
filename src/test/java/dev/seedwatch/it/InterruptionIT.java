package dev.seedwatch.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.report.ReportReader;
import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/** The built jar stopped from outside: SIGTERM, SIGKILL, the run deadline, and a second run on a locked state dir. */
@ExtendWith(RealParts.class)
class InterruptionIT {

    static final String FAST_TEXT = "The rover touched down in Jezero crater this morning.";
    static final String SLOW_TEXT = "Engineers reported a smooth course correction ahead of arrival.";

    @Started
    static FakeOpenAi fake;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    private Path suite() throws Exception {
        return suite(3, 3, "fast", "slow");
    }

    /** A suite of one target at {@code concurrency} whose prompts are each their own id as content. */
    private Path suite(int replays, int concurrency, String... prompts) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                suite: stop
                defaults: {seed: 1, temperature: 0, replays: %d}
                targets: [{name: t, base-url: "%s", model: m, concurrency: %d}]
                prompts:
                """.formatted(replays, fake.baseUrl(), concurrency));
        for (String prompt : prompts) {
            yaml.append("  - {id: %s, messages: [{role: user, content: %s}]}\n".formatted(prompt, prompt));
        }
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, yaml);
        return suite;
    }

    /** Both prompts answer at once: a complete run that becomes the baseline. */
    private void quickBackend() {
        fake.reset();
        fake.reply("fast", new Reply(FAST_TEXT, "fp", "m"));
        fake.reply("slow", new Reply(SLOW_TEXT, "fp", "m"));
    }

    /**
     * "slow" hangs for a minute. With 3 workers taking fast, slow, fast, slow, fast, slow in turn, the third "slow"
     * request is sent only after the last "fast" reply was recorded: once it arrives, "fast" is finished and the run
     * is mid-flight.
     */
    private void hangingBackend() {
        fake.reset();
        fake.reply("fast", new Reply(FAST_TEXT, "fp", "m"));
        fake.server().stubFor(fake.chat("slow").willReturn(aResponse().withStatus(200).withFixedDelay(60_000)
                .withHeader("Content-Type", "application/json").withBody(FakeOpenAi.body(new Reply(SLOW_TEXT, "fp", "m")))));
    }

    @Test
    void sigtermExportsWhatCompletedKeepsTheBaselineAndExitsFour() throws Exception {
        Path suite = suite();
        Path state = dir.resolve("state");
        JarRunner jar = new JarRunner(dir);
        String[] args = { "run", "--suite", suite.toString(), "--state-dir", state.toString() };
        quickBackend();
        assertThat(jar.run(Map.of(), args).exitCode()).isZero();
        String firstRun = baselineRun(state, "slow");

        hangingBackend();
        Process p = jar.start(Map.of(), args);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fake.requests("slow").size() == 3);
        Instant signalled = Instant.now();
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        Duration took = Duration.between(signalled, Instant.now());
        JarRunner.Result result = jar.result(p);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(4);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        PromText m = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(m.require("seedwatch_run_success", Map.of("suite", "stop"))).isEqualTo(0);
        assertThat(m.require("seedwatch_exact_match_ratio", Map.of("prompt", "fast"))).isEqualTo(1.0);
        assertThat(m.require("seedwatch_completion_changed", Map.of("prompt", "fast"))).isEqualTo(0);
        assertThat(m.value("seedwatch_exact_match_ratio", Map.of("prompt", "slow"))).isEmpty();
        assertThat(m.require("seedwatch_replay_failures", Map.of("prompt", "slow", "reason", "cancelled")))
                .isEqualTo(3);
        // the unfinished prompt keeps the last complete run as its baseline; the finished one moves on
        assertThat(baselineRun(state, "slow")).isEqualTo(firstRun);
        assertThat(baselineRun(state, "fast")).isNotEqualTo(firstRun);
        assertThat(result.all()).contains("SIGTERM");
    }

    /**
     * Four prompts of four replays at concurrency 2; "third" hangs. Prompt after prompt, the two workers finish
     * "first" and "second" and then both wait on "third": "fourth" is never sent. Round-robin would have left every
     * prompt with a part of its replays.
     */
    @Test
    void sigintKeepsTheFiguresOfEveryPromptWhoseReplaysAllFinished() throws Exception {
        Path suite = suite(4, 2, "first", "second", "third", "fourth");
        Path state = dir.resolve("state");
        JarRunner jar = new JarRunner(dir);
        String[] args = { "run", "--suite", suite.toString(), "--state-dir", state.toString() };
        for (String prompt : new String[] { "first", "second", "third", "fourth" }) {
            fake.reply(prompt, new Reply("The reply to " + prompt + ".", "fp", "m"));
        }
        assertThat(jar.run(Map.of(), args).exitCode()).isZero();
        String firstRun = baselineRun(state, "third");
        fake.server().stubFor(fake.chat("third").willReturn(aResponse().withStatus(200).withFixedDelay(60_000)
                .withHeader("Content-Type", "application/json")
                .withBody(FakeOpenAi.body(new Reply("The reply to third.", "fp", "m")))));
        fake.server().resetRequests();

        Process p = jar.start(Map.of(), args);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fake.requests("third").size() == 2);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("exits after SIGINT").isTrue();
        JarRunner.Result result = jar.result(p);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(4);
        assertThat(fake.requests("first")).hasSize(4);
        assertThat(fake.requests("second")).hasSize(4);
        assertThat(fake.requests("fourth")).isEmpty();
        PromText m = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        for (String finished : new String[] { "first", "second" }) {
            assertThat(m.require("seedwatch_exact_match_ratio", Map.of("prompt", finished))).isEqualTo(1.0);
            assertThat(m.require("seedwatch_completion_changed", Map.of("prompt", finished))).isEqualTo(0);
            assertThat(baselineRun(state, finished)).isNotEqualTo(firstRun);
        }
        for (String unfinished : new String[] { "third", "fourth" }) {
            assertThat(m.value("seedwatch_exact_match_ratio", Map.of("prompt", unfinished))).isEmpty();
            assertThat(baselineRun(state, unfinished)).isEqualTo(firstRun);
        }
        assertThat(m.require("seedwatch_replay_failures", Map.of("prompt", "fourth", "reason", "cancelled")))
                .isEqualTo(4);
        assertThat(m.require("seedwatch_prompts_measured", Map.of("target", "t"))).isEqualTo(2);
        JsonNode report = latestReport(state);
        assertThat(report.path("interrupted").asBoolean()).isTrue();
        assertThat(ReportReader.parse(report).prompts().get(0).result().figures().agreement().mostCommonText())
                .isEqualTo("The reply to first.");
        assertThat(result.all()).contains("SIGINT");
    }

    @Test
    void sigkillLeavesAReadableStateAndTheNextRunComparesWithTheLastCompleteRun() throws Exception {
        Path suite = suite();
        Path state = dir.resolve("state");
        JarRunner jar = new JarRunner(dir);
        String[] args = { "run", "--suite", suite.toString(), "--state-dir", state.toString() };
        quickBackend();
        assertThat(jar.run(Map.of(), args).exitCode()).isZero();

        hangingBackend();
        Process p = jar.start(Map.of(), args);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fake.requests("slow").size() >= 1);
        p.destroyForcibly(); // SIGKILL
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
        jar.result(p);
        Json.MAPPER.readTree(state.resolve("state.json").toFile()); // still valid JSON

        quickBackend();
        JarRunner.Result next = jar.run(Map.of(), args);

        assertThat(next.exitCode()).as(next.all()).isZero();
        PromText m = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(m.require("seedwatch_completion_changed", Map.of("prompt", "slow"))).isEqualTo(0);
        assertThat(m.require("seedwatch_baseline_distance", Map.of("prompt", "slow"))).isEqualTo(0.0);
    }

    @Test
    void runDeadlineStopsTheRunWithExitFour() throws Exception {
        Path suite = suite();
        Path state = dir.resolve("state");
        hangingBackend();

        // long enough for "fast" to finish on a loaded machine (its first replies took over 3 s at a load of 30),
        // well short of "slow"'s minute
        JarRunner.Result result = new JarRunner(dir).run(Map.of("SEEDWATCH_RUN_DEADLINE", "20s"), "run", "--suite",
                suite.toString(), "--state-dir", state.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(4);
        assertThat(result.all()).contains("run deadline");
        PromText m = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(m.require("seedwatch_run_success", Map.of("suite", "stop"))).isEqualTo(0);
        assertThat(m.require("seedwatch_prompts_measured", Map.of("target", "t"))).isEqualTo(1);
    }

    @Test
    void aSecondRunOnALockedStateDirExitsTwoAtOnceAndSendsNothing() throws Exception {
        Path suite = suite();
        Path state = dir.resolve("state");
        JarRunner jar = new JarRunner(dir);
        String[] args = { "run", "--suite", suite.toString(), "--state-dir", state.toString() };
        hangingBackend();
        Process first = jar.start(Map.of(), args);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fake.requests("slow").size() == 3
                && fake.requests("fast").size() == 3);

        JarRunner.Result second = jar.run(Map.of(), args);

        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.stderr()).contains("another seedwatch run is using state dir");
        assertThat(fake.requests("fast")).hasSize(3); // only the first run's
        first.destroy();
        assertThat(first.waitFor(15, TimeUnit.SECONDS)).isTrue();
        jar.result(first);
    }

    private static JsonNode latestReport(Path state) throws Exception {
        try (var files = Files.list(state.resolve("runs"))) {
            Path newest = files.filter(f -> f.toString().endsWith(".json")).max(Path::compareTo).orElseThrow();
            return Json.MAPPER.readTree(newest.toFile());
        }
    }

    private static String baselineRun(Path state, String prompt) throws Exception {
        JsonNode root = Json.MAPPER.readTree(state.resolve("state.json").toFile());
        return root.path("baselines").path("t").path(prompt).path("runId").asText();
    }
}
