package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PromText;

/**
 * {@code run --fail-on-change} from the built jar: exit 5 exactly when a completed run changed, with
 * {@code seedwatch_run_success} still 1; a nondeterministic prompt that varies changes nothing.
 */
class FailOnChangeIT {

    @TempDir
    Path dir;
    final FakeOpenAi fake = new FakeOpenAi();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void exitsFiveWhenADeterministicReplyChangedAndZeroOtherwise() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: ci
                defaults: {seed: 123, temperature: 0, max-tokens: 100, replays: 2}
                targets:
                  - {name: openai, base-url: "%s", model: gpt-4o-mini}
                prompts:
                  - {id: fixed, messages: [{role: user, content: fixed}]}
                  - {id: story, expect: nondeterministic, temperature: 0.7, messages: [{role: user, content: story}]}
                """.formatted(fake.baseUrl()));
        Path state = dir.resolve("state");
        JarRunner jar = new JarRunner(dir);
        String[] run = { "run", "--suite", suite.toString(), "--state-dir", state.toString(), "--fail-on-change" };

        backend("The answer is 4.", "Once upon a time.");
        assertThat(jar.run(Map.of(), run).exitCode()).as("first run: nothing to compare with").isZero();
        backend("The answer is 4.", "In a land far away.");
        JarRunner.Result steady = jar.run(Map.of(), run);
        assertThat(steady.exitCode()).as(steady.all()).isZero();
        assertThat(steady.stdout()).contains(": success (exit 0)");

        backend("The answer is four.", "In a land far away.");
        JarRunner.Result changed = jar.run(Map.of(), run);

        assertThat(changed.exitCode()).as(changed.all()).isEqualTo(5);
        assertThat(changed.stdout())
                .contains("with --fail-on-change a change fails it: openai/fixed: the most common reply changed")
                .contains("(exit 5)").doesNotContain("openai/story");
        PromText metrics = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(metrics.require("seedwatch_run_success", Map.of("suite", "ci"))).isEqualTo(1.0);
        try (var reports = Files.list(state.resolve("runs"))) {
            Path newest = reports.filter(f -> f.toString().endsWith(".json")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(Json.MAPPER.readTree(newest.toFile()).path("exitCode").asInt()).isEqualTo(5);
        }
    }

    private void backend(String fixed, String story) {
        fake.reset();
        fake.reply("fixed", new Reply(fixed, "fp_a", "gpt-4o-mini-2024-07-18"));
        fake.reply("story", new Reply(story, "fp_a", "gpt-4o-mini-2024-07-18"));
    }
}
