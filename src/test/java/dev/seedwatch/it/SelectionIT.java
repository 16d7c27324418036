package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * {@code --target}, {@code --prompt} and {@code --replays} from the built jar: only the selection is sent, and the
 * baselines of everything else stay those of the last full run.
 */
@ExtendWith(RealParts.class)
class SelectionIT {

    @TempDir
    Path dir;
    @Started
    FakeOpenAi fake;

    @Test
    void onlyTheSelectionRunsAndTheRestKeepsItsBaseline() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: pick
                defaults: {seed: 123, temperature: 0, max-tokens: 100, replays: 3}
                targets:
                  - {name: one, base-url: "%1$s", model: gpt-4o-mini}
                  - {name: two, base-url: "%1$s", model: gpt-4o}
                prompts:
                  - {id: alpha, messages: [{role: user, content: alpha}]}
                  - {id: bravo, messages: [{role: user, content: bravo}]}
                """.formatted(fake.baseUrl()));
        Path state = dir.resolve("state");
        JarRunner jar = new JarRunner(dir);
        String[] base = { "--suite", suite.toString(), "--state-dir", state.toString() };
        fake.reply("alpha", new Reply("alpha v1", "fp_a", "gpt-4o-mini-2024-07-18"));
        fake.reply("bravo", new Reply("bravo v1", "fp_a", "gpt-4o-mini-2024-07-18"));
        JarRunner.Result full = jar.run(Map.of(), concat(new String[] { "run" }, base));
        assertThat(full.exitCode()).as(full.all()).isZero();
        JsonNode before = Json.MAPPER.readTree(state.resolve("state.json").toFile());

        JarRunner.Result plan = jar.run(Map.of(), concat(new String[] { "validate", "--target", "one", "--prompt",
            "alpha", "--replays", "1" }, base));
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.stdout()).contains("total: 1 request(s)").doesNotContain("two ");

        fake.reset();
        fake.reply("alpha", new Reply("alpha v2", "fp_a", "gpt-4o-mini-2024-07-18"));
        fake.reply("bravo", new Reply("bravo v2", "fp_a", "gpt-4o-mini-2024-07-18"));
        JarRunner.Result picked = jar.run(Map.of(), concat(new String[] { "run", "--target", "one", "--prompt",
            "alpha", "--replays", "1" }, base));

        assertThat(picked.exitCode()).as(picked.all()).isZero();
        assertThat(fake.allRequests()).hasSize(1);
        JsonNode after = Json.MAPPER.readTree(state.resolve("state.json").toFile());
        JsonNode baselines = after.path("baselines");
        assertThat(baselines.path("one").path("alpha").path("text").asText()).isEqualTo("alpha v2");
        assertThat(baselines.path("one").path("bravo")).isEqualTo(before.path("baselines").path("one").path("bravo"));
        assertThat(baselines.path("two")).isEqualTo(before.path("baselines").path("two"));
    }

    @Test
    void aNameNotInTheSuiteIsInvalidInput() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: pick
                targets:
                  - {name: one, base-url: "%s", model: gpt-4o-mini}
                prompts:
                  - {id: alpha, messages: [{role: user, content: alpha}]}
                """.formatted(fake.baseUrl()));
        JarRunner jar = new JarRunner(dir);
        String state = dir.resolve("state").toString();
        JarRunner.Result replays = jar.run(Map.of(), "run", "--suite", suite.toString(), "--state-dir", state,
                "--replays", "0");
        JarRunner.Result prompt = jar.run(Map.of(), "run", "--suite", suite.toString(), "--state-dir", state,
                "--prompt", "alpah");

        assertThat(replays.exitCode()).isEqualTo(2);
        assertThat(replays.stderr()).contains("--replays: must be between 1 and 100000, got 0");
        assertThat(prompt.exitCode()).isEqualTo(2);
        assertThat(prompt.stderr()).contains("--prompt alpah: no such prompt (prompts: [alpha])");
        assertThat(fake.allRequests()).isEmpty();
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
