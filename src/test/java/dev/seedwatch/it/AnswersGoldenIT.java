package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.KillAtFsync;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.PushgatewayProcess;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * The built jar against WireMock acting as OpenAI and Debian's real Pushgateway: the wording of a reply changes
 * while its answer does not, then the answer changes; a golden run pinned at the first run catches the slow drift
 * the run-to-run comparison no longer shows; unpin removes the golden series; a pin killed before the rename of
 * its file leaves the old golden run, killed after it the new one.
 */
@ExtendWith(RealParts.class)
class AnswersGoldenIT {

    static final String WORDING_1 = "The delivery was late but the product is great. Label: positive";
    static final String WORDING_2 = "Great product, even though it came late. Label: positive";
    static final String OTHER_ANSWER = "Late delivery spoils it. Label: negative";

    @TempDir
    static Path dir;
    @Started
    static PushgatewayProcess pushgateway;
    @Started
    static FakeOpenAi fake;

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

        // A pin killed as it syncs the new golden file, before renaming it into place: the old golden run stays,
        // the new one lies whole in the temp file beside it.
        String newRun = report.path("runId").asText();
        KillAtFsync.Landed beforeRename = KillAtFsync.run(jar, dir, 1, env, pin);
        assertThat(beforeRename.fsynced().getFileName().toString()).startsWith(".golden.json.").endsWith(".tmp");
        assertThat(Json.MAPPER.readTree(beforeRename.fsynced().toFile()).path("runId").asText()).isEqualTo(newRun);
        assertThat(golden(state).path("runId").asText()).isEqualTo(goldenRun);
        // Killed as it syncs the directory after the rename: the new golden run is in place, whole.
        KillAtFsync.Landed afterRename = KillAtFsync.run(jar, dir, 2, env, pin);
        assertThat(afterRename.fsynced()).isEqualTo(state.toRealPath());
        assertThat(golden(state).path("runId").asText()).isEqualTo(newRun);
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
        return Json.MAPPER.readTree(state.resolve("golden.json").toFile());
    }

    private static JsonNode newestReport(Path runs) throws IOException {
        try (Stream<Path> files = Files.list(runs)) {
            Path newest = files.filter(f -> f.toString().endsWith(".json")).max(Path::compareTo).orElseThrow();
            return Json.MAPPER.readTree(newest.toFile());
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }
}
