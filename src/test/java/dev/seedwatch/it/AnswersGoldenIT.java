package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.PushgatewayProcess;

/**
 * The built jar against WireMock acting as OpenAI and Debian's real Pushgateway: the wording of a reply changes
 * while its answer does not, then the answer changes; a golden run pinned at the first run catches the slow drift
 * the run-to-run comparison no longer shows; unpin removes the golden series; a pin killed midway leaves the old
 * golden run readable.
 */
class AnswersGoldenIT {

    static final String WORDING_1 = "The delivery was late but the product is great. Label: positive";
    static final String WORDING_2 = "Great product, even though it came late. Label: positive";
    static final String OTHER_ANSWER = "Late delivery spoils it. Label: negative";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static PushgatewayProcess pushgateway;
    static FakeOpenAi fake;

    @BeforeAll
    static void start() throws IOException {
        pushgateway = new PushgatewayProcess(dir.resolve("pushgateway.log"));
        fake = new FakeOpenAi();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (fake != null) {
            fake.close();
        }
        if (pushgateway != null) {
            pushgateway.close();
        }
    }

    @Test
    void answersStayWhileTextChangesAndTheGoldenRunCatchesSlowDrift() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: answers
                defaults: {seed: 123, temperature: 0, max-tokens: 100, replays: 3}
                targets:
                  - {name: openai, base-url: "%s", model: gpt-4o-mini, concurrency: 1}
                prompts:
                  - id: review
                    answer: {regex: "Label: (\\\\w+)"}
                    messages: [{role: user, content: review}]
                """.formatted(fake.baseUrl()));
        Path state = dir.resolve("state");
        JarRunner jar = new JarRunner(dir);
        String[] run = { "run", "--suite", suite.toString(), "--state-dir", state.toString(), "--pushgateway",
                pushgateway.url() };
        String[] pin = { "baseline", "pin", "--suite", suite.toString(), "--state-dir", state.toString() };
        Map<String, String> env = Map.of();
        Map<String, String> target = Map.of("job", "seedwatch", "suite", "answers", "target", "openai", "model",
                "gpt-4o-mini");
        Map<String, String> review = with(target, "prompt", "review");

        // Run 1, pinned as the golden run.
        answer(WORDING_1);
        ok(jar.run(env, run));
        PromText m = pushgateway.metrics();
        assertThat(m.require("seedwatch_answer_agreement_ratio", review)).isEqualTo(1.0);
        assertThat(m.require("seedwatch_unique_answers", review)).isEqualTo(1);
        assertThat(m.require("seedwatch_answers_missing", review)).isZero();
        assertThat(m.require("seedwatch_total_answer_agreement_ratio", target)).isEqualTo(1.0);
        assertThat(m.value("seedwatch_answer_changed", review)).isEmpty();
        assertThat(m.value("seedwatch_golden_changed", review)).isEmpty();
        JarRunner.Result pinned = jar.run(env, pin);
        ok(pinned);
        assertThat(pinned.stdout()).contains("pinned   openai/review");
        String goldenRun = golden(state).path("runId").asText();

        // Run 2: new wording, same answer.
        answer(WORDING_2);
        ok(jar.run(env, run));
        m = pushgateway.metrics();
        assertThat(m.require("seedwatch_completion_changed", review)).isEqualTo(1);
        assertThat(m.require("seedwatch_answer_changed", review)).isZero();
        assertThat(m.require("seedwatch_golden_changed", review)).isEqualTo(1);
        assertThat(m.require("seedwatch_golden_answer_changed", review)).isZero();
        assertThat(m.require("seedwatch_golden_distance", review)).isGreaterThan(0.0);

        // Run 3: steady against the previous run, still off the golden one.
        ok(jar.run(env, run));
        m = pushgateway.metrics();
        assertThat(m.require("seedwatch_completion_changed", review)).isZero();
        assertThat(m.require("seedwatch_answer_changed", review)).isZero();
        assertThat(m.require("seedwatch_golden_changed", review)).isEqualTo(1);
        assertThat(m.require("seedwatch_golden_drift_runs", review)).isEqualTo(2);
        assertThat(m.require("seedwatch_golden_fingerprint_info", with(target, "fingerprint", "fp_a")))
                .isEqualTo(1);
        assertThat(m.require("seedwatch_golden_pinned_timestamp_seconds", target)).isPositive();

        // Run 4: the answer changes.
        answer(OTHER_ANSWER);
        ok(jar.run(env, run));
        m = pushgateway.metrics();
        assertThat(m.require("seedwatch_completion_changed", review)).isEqualTo(1);
        assertThat(m.require("seedwatch_answer_changed", review)).isEqualTo(1);
        assertThat(m.require("seedwatch_golden_answer_changed", review)).isEqualTo(1);
        assertThat(m.require("seedwatch_golden_drift_runs", review)).isEqualTo(3);
        JsonNode report = newestReport(dir.resolve("state/runs"));
        assertThat(report.path("prompts").get(0).path("answers").path("replayAnswers").toString())
                .isEqualTo("[\"negative\",\"negative\",\"negative\"]");
        assertThat(report.path("prompts").get(0).path("golden").path("status").asText()).isEqualTo("COMPARED");

        // A pin killed at various moments leaves either the old or the new golden run, never a broken file.
        for (int delayMs : new int[] { 200, 500, 800, 1100, 1400, 1700, 2000 }) {
            Process p = jar.start(env, pin);
            if (!p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
            }
            jar.result(p);
            String runId = golden(state).path("runId").asText();
            assertThat(runId).isIn(goldenRun, report.path("runId").asText());
        }
        JarRunner.Result shown = jar.run(env, "baseline", "show", "--suite", suite.toString(), "--state-dir",
                state.toString());
        ok(shown);
        assertThat(shown.stdout()).contains("golden run ");

        // Unpinned: the next run has no golden series at all.
        ok(jar.run(env, "baseline", "unpin", "--suite", suite.toString(), "--state-dir", state.toString()));
        ok(jar.run(env, run));
        m = pushgateway.metrics();
        assertThat(m.samples()).noneMatch(s -> s.name().startsWith("seedwatch_golden_"));
        assertThat(m.require("seedwatch_answer_changed", review)).isZero();
    }

    private static void answer(String text) {
        fake.reset();
        fake.reply("review", new Reply(text, "fp_a", "gpt-4o-mini-2024-07-18"));
    }

    private static void ok(JarRunner.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    private static JsonNode golden(Path state) throws IOException {
        return JSON.readTree(state.resolve("golden.json").toFile());
    }

    private static JsonNode newestReport(Path runs) throws IOException {
        try (Stream<Path> files = Files.list(runs)) {
            Path newest = files.filter(f -> f.toString().endsWith(".json")).max(Path::compareTo).orElseThrow();
            return JSON.readTree(newest.toFile());
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }
}
