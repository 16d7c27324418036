package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * Is it still the same model, through the built jar: a suite with a logprobs probe, a sample probe and one
 * deterministic prompt, against a fake provider whose probe replies keep their distribution for two runs and then
 * move (the first token's log probabilities shift, the samples are other texts, the greedy reply stays the same).
 */
@ExtendWith(RealParts.class)
class ModelChangeIT {

    static final List<String> STORIES = List.of("The fox ran home.", "A cat slept all day.", "Rain fell on the hill.",
            "The boat drifted away.", "Birds sang at dawn.");
    static final List<String> OTHER_STORIES = List.of("Zebras argued about taxes!", "42 robots ate soup?",
            "Quantum spoons vanish.", "Never trust a kettle.", "Purple noise, again.");

    @TempDir
    static Path dir;
    @Started
    static FakeOpenAi fake;
    static JarRunner jar;
    static String[] args;
    static Path state;

    @BeforeAll
    static void start() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: probes
                defaults: {seed: 123, temperature: 0, max-tokens: 100, replays: 2}
                targets:
                  - {name: chat, base-url: "%s", model: gpt-4o-mini, concurrency: 1}
                prompts:
                  - {id: plain, messages: [{role: user, content: greedy}]}
                  - {id: first-token, probe: logprobs, messages: [{role: user, content: once upon a time}]}
                  - {id: story, probe: sample, messages: [{role: user, content: tell a story}]}
                """.formatted(fake.baseUrl()));
        state = dir.resolve("state");
        jar = new JarRunner(dir);
        args = new String[] { "run", "--suite", suite.toString(), "--state-dir", state.toString() };
    }

    /** The provider's replies: the same greedy text always; the probes' distribution as {@code changed} says. */
    static void backend(boolean changed) {
        fake.reset();
        fake.reply("greedy", new FakeOpenAi.Reply("Always the same.", "fp_a", "gpt-4o-mini"));
        List<String> firstTokens = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            double jitter = (i % 4) * 0.0002;
            Map<String, Double> top = new LinkedHashMap<>();
            top.put("Once", (changed ? -0.05 : -0.03) - jitter);
            top.put(" There", (changed ? -3.40 : -3.55) + jitter);
            top.put(" In", -4.1 - jitter);
            firstTokens.add(FakeOpenAi.firstTokenBody(top));
        }
        fake.replyBodies("once upon a time", firstTokens);
        fake.reply("tell a story", (changed ? OTHER_STORIES : STORIES).stream()
                .map(t -> new FakeOpenAi.Reply(t, "fp_a", "gpt-4o-mini")).toArray(FakeOpenAi.Reply[]::new));
    }

    @Test
    void aMovedDistributionIsDetectedAndASteadyOneIsNot() throws Exception {
        JarRunner.Result plan = jar.run(Map.of(), "validate", "--suite", args[2], "--state-dir", args[4]);
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.stdout())
                .contains("probe first-token on chat: logprobs (top 5), 16 request(s), at most 16 completion tokens")
                .contains("probe story on chat: sample, 20 request(s), at most 800 completion tokens");

        backend(false);
        JarRunner.Result first = jar.run(Map.of(), args);
        assertThat(first.exitCode()).as(first.all()).isZero();
        Map<String, Double> reference = metrics();
        assertThat(reference).containsEntry("seedwatch_change_detected", 0.0)
                .containsKey("seedwatch_change_reference_timestamp_seconds")
                .doesNotContainKey("seedwatch_change_p_value{test=\"logprobs\"}")
                // probes are out of the determinism figures: only the plain prompt is measured
                .containsEntry("seedwatch_prompts_measured", 1.0)
                .doesNotContainKey("seedwatch_exact_match_ratio{prompt=\"story\"}");
        assertThat(fake.requests("once upon a time")).hasSize(16).allSatisfy(r -> {
            JsonNode body = Json.MAPPER.readTree(r.getBodyAsString());
            assertThat(body.path("top_logprobs").asInt()).isEqualTo(5);
            assertThat(body.path("max_tokens").asInt()).isEqualTo(1);
        });
        assertThat(fake.requests("tell a story")).hasSize(20)
                .allSatisfy(r -> assertThat(Json.MAPPER.readTree(r.getBodyAsString()).has("seed")).isFalse());

        JarRunner.Result steady = jar.run(Map.of(), args);
        assertThat(steady.exitCode()).as(steady.all()).isZero();
        Map<String, Double> same = metrics();
        assertThat(same).containsEntry("seedwatch_change_detected", 0.0)
                .containsKeys("seedwatch_change_p_value{test=\"logprobs\"}", "seedwatch_change_p_value{test=\"mmd\"}",
                        "seedwatch_change_p_value{test=\"energy\"}",
                        "seedwatch_probe_p_value{prompt=\"story\",test=\"mmd\"}")
                .containsEntry("seedwatch_change_reference_timestamp_seconds",
                        reference.get("seedwatch_change_reference_timestamp_seconds"));
        assertThat(same.get("seedwatch_change_evidence")).isLessThan(100);

        backend(true);
        JarRunner.Result moved = jar.run(Map.of(), args);
        assertThat(moved.exitCode()).as(moved.all()).isZero();
        Map<String, Double> changed = metrics();
        assertThat(changed).containsEntry("seedwatch_change_detected", 1.0)
                .containsEntry("seedwatch_completion_changed{prompt=\"plain\"}", 0.0);
        assertThat(changed.get("seedwatch_change_evidence")).isGreaterThanOrEqualTo(100);
        assertThat(changed.get("seedwatch_change_p_value{test=\"logprobs\"}")).isLessThan(0.001);

        // a detected model change is a change for --fail-on-change, in every run until the next reference
        JarRunner.Result failing = jar.run(Map.of(), FailOnChangeIT.concat(args, "--fail-on-change"));
        assertThat(failing.exitCode()).as(failing.all()).isEqualTo(5);
        assertThat(failing.stdout()).contains("chat: the model changed: the probes' evidence")
                .doesNotContain("most common reply changed");
        assertThat(metrics()).containsEntry("seedwatch_run_success", 1.0).containsEntry("seedwatch_change_detected",
                1.0);
    }

    /** The metrics file's samples by name and the labels that tell them apart here (prompt, test). */
    static Map<String, Double> metrics() throws Exception {
        Map<String, Double> samples = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^(\\w+)(?:\\{(.*)\\})? (\\S+)$");
        Pattern label = Pattern.compile("(prompt|test)=\"([^\"]*)\"");
        for (String l : Files.readAllLines(state.resolve("metrics.prom"))) {
            Matcher m = line.matcher(l);
            if (l.startsWith("#") || !m.matches()) {
                continue;
            }
            List<String> keep = new ArrayList<>();
            Matcher labels = label.matcher(m.group(2) == null ? "" : m.group(2));
            while (labels.find()) {
                keep.add(labels.group(1) + "=\"" + labels.group(2) + "\"");
            }
            samples.put(m.group(1) + (keep.isEmpty() ? "" : "{" + String.join(",", keep) + "}"),
                    Double.parseDouble(m.group(3)));
        }
        return samples;
    }
}
