package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * {@code run --fail-on-change} and {@code --junit} from the built jar: exit 5 exactly when a completed run changed,
 * with {@code seedwatch_run_success} still 1, and a failed test case for what changed; a nondeterministic prompt
 * that varies changes nothing.
 */
@ExtendWith(RealParts.class)
class FailOnChangeIT {

    @TempDir
    Path dir;
    @Started
    FakeOpenAi fake;

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
        Path junit = dir.resolve("junit.xml");
        JarRunner.Result changed = jar.run(Map.of(), concat(run, "--junit", junit.toString()));

        assertThat(changed.exitCode()).as(changed.all()).isEqualTo(5);
        assertThat(changed.stdout())
                .contains("with --fail-on-change a change fails it: ")
                .contains("openai/fixed: the most common reply changed against the baseline")
                .contains("openai: behaviour changed: 1 of 1 compared deterministic prompts")
                .contains("(exit 5)").doesNotContain("openai/story");
        PromText metrics = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(metrics.require("seedwatch_run_success", Map.of("suite", "ci"))).isEqualTo(1.0);
        try (var reports = Files.list(state.resolve("runs"))) {
            Path newest = reports.filter(f -> f.toString().endsWith(".json")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(Json.MAPPER.readTree(newest.toFile()).path("exitCode").asInt()).isEqualTo(5);
        }

        // --junit: one test case per target x prompt, a failure where it changed; the varying story passes
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element fixed = (Element) cases.item(0);
        assertThat(fixed.getAttribute("classname")).isEqualTo("ci.openai");
        assertThat(fixed.getAttribute("name")).isEqualTo("fixed");
        assertThat(((Element) fixed.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .contains("the most common reply changed against the baseline");
        Element story = (Element) cases.item(1);
        assertThat(story.getAttribute("name")).isEqualTo("story");
        assertThat(story.getElementsByTagName("failure").getLength()).isZero();
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    }

    static String[] concat(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private void backend(String fixed, String story) {
        fake.reset();
        fake.reply("fixed", new Reply(fixed, "fp_a", "gpt-4o-mini-2024-07-18"));
        fake.reply("story", new Reply(story, "fp_a", "gpt-4o-mini-2024-07-18"));
    }
}
