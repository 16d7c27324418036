package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.provider.Anthropic;
import dev.seedwatch.provider.ChatCompletions;
import dev.seedwatch.provider.Gemini;
import dev.seedwatch.provider.OpenAiResponses;
import dev.seedwatch.provider.Providers;
import dev.seedwatch.suite.TargetType;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeProviders;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PrometheusProcess;
import dev.seedwatch.testing.PushgatewayProcess;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * A suite with one target of each type, run by the built jar against WireMock speaking each API, pushing to Debian's
 * Pushgateway, with Prometheus evaluating the rules: a first run, a steady second run (no alert), then a third in
 * which the Responses API target — no fingerprint, served model unchanged — answers 3 of its 4 prompts with new
 * texts: SeedwatchSilentBackendChange fires for that target alone.
 */
@ExtendWith(RealParts.class)
class SilentBackendChangeIT {

    static final List<String> WORDS = List.of("alpha", "bravo", "charlie", "delta");
    static final Map<String, String> KEYS = Map.of("IT_OPENAI_KEY", "sk-it-silent-openai-canary-01",
            "IT_AZURE_KEY", "it-silent-azure-canary-02", "IT_ANTHROPIC_KEY", "sk-ant-it-silent-canary-03",
            "IT_GEMINI_KEY", "it-silent-gemini-canary-04");

    @TempDir
    static Path dir;
    @Started
    static PushgatewayProcess pushgateway;
    @Started
    static PrometheusProcess prometheus;
    @Started
    static FakeOpenAi fake;
    static FakeProviders providers;
    static JarRunner jar;
    static String[] args;

    @BeforeAll
    static void start() throws Exception {
        providers = new FakeProviders(fake);
        StringBuilder prompts = new StringBuilder();
        WORDS.forEach(w -> prompts.append("  - {id: ").append(w).append(", messages: [{role: user, content: ")
                .append(w).append("}]}\n"));
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: silent
                defaults: {seed: 123, temperature: 0, max-tokens: 100, replays: 2}
                targets:
                  - {name: chat, type: openai, base-url: "%s", model: gpt-4o-mini, api-key-env: IT_OPENAI_KEY}
                  - {name: azure, type: azure, base-url: "%s", api-version: "2024-02-01", model: gpt-4o-mini, api-key-env: IT_AZURE_KEY}
                  - {name: responses, type: openai-responses, base-url: "%s", model: gpt-4.1-mini, api-key-env: IT_OPENAI_KEY}
                  - {name: claude, type: anthropic, base-url: "%s", model: claude-sonnet-4-5, api-key-env: IT_ANTHROPIC_KEY}
                  - {name: gemini, type: gemini, base-url: "%s", model: %s, api-key-env: IT_GEMINI_KEY}
                prompts:
                %s""".formatted(providers.baseUrl(ChatCompletions.OPENAI), providers.baseUrl(ChatCompletions.AZURE),
                providers.baseUrl(OpenAiResponses.TYPE), providers.baseUrl(Anthropic.TYPE),
                providers.baseUrl(Gemini.TYPE), FakeProviders.GEMINI_MODEL, prompts));
        jar = new JarRunner(dir);
        args = new String[] { "run", "--suite", suite.toString(), "--state-dir", dir.resolve("state").toString(),
            "--pushgateway", pushgateway.url() };
    }

    /** Every type answers every prompt with "{word} v1", except the Responses target's words in {@code changed}. */
    static void backend(List<String> changed) {
        fake.reset();
        for (TargetType type : Providers.TYPES.all()) {
            for (String w : WORDS) {
                boolean v2 = type == OpenAiResponses.TYPE && changed.contains(w);
                providers.answer(type, w, "The " + w + " report, version " + (v2 ? 2 : 1) + ".");
            }
        }
    }

    @Test
    void aFingerprintlessBackendThatChangedFiresAndASteadyOneDoesNot() throws Exception {
        backend(List.of());
        JarRunner.Result first = jar.run(KEYS, args);
        assertThat(first.exitCode()).as(first.all()).isZero();
        for (String target : List.of("responses", "claude")) {
            assertThat(first.all().split("type: " + (target.equals("claude") ? "anthropic" : "openai-responses")
                    + "\\): the API takes no seed", -1)).as("said once for " + target).hasSize(2);
        }
        JarRunner.Result second = jar.run(KEYS, args);
        assertThat(second.exitCode()).as(second.all()).isZero();

        // every type ran end to end: all four prompts of each measured, and compared with the first run
        await("the steady second run in Prometheus").untilAsserted(() -> {
            JsonNode compared = prometheus.query("seedwatch_prompts_compared == 4").path("result");
            assertThat(compared).hasSize(5);
            assertThat(prometheus.query("seedwatch_prompts_measured == 4").path("result")).hasSize(5);
            assertThat(prometheus.query("seedwatch_prompts_novel == 0").path("result")).hasSize(5);
        });
        Awaitility.await("no SeedwatchSilentBackendChange while steady").during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> alerts("SeedwatchSilentBackendChange").isEmpty());

        backend(List.of("alpha", "bravo", "charlie"));
        JarRunner.Result third = jar.run(KEYS, args);
        assertThat(third.exitCode()).as(third.all()).isZero();

        await("SeedwatchSilentBackendChange for the Responses target").untilAsserted(() -> {
            List<JsonNode> alerts = alerts("SeedwatchSilentBackendChange");
            assertThat(alerts).hasSize(1);
            JsonNode alert = alerts.get(0);
            assertThat(alert.path("state").asText()).isIn("pending", "firing");
            assertThat(alert.path("labels").path("target").asText()).isEqualTo("responses");
            assertThat(alert.path("labels").path("model").asText()).isEqualTo("gpt-4.1-mini");
            assertThat(alert.path("annotations").path("description").asText())
                    .contains("3 of 4 compared deterministic prompts")
                    .contains("none of the recent runs gave: alpha, bravo, charlie.");
        });
        assertThat(alerts("SeedwatchFingerprintChanged")).isEmpty();
        assertThat(alerts("SeedwatchServedModelChanged")).isEmpty();
    }

    static List<JsonNode> alerts(String name) throws IOException, InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode a : prometheus.alerts()) {
            if (name.equals(a.path("labels").path("alertname").asText())) {
                found.add(a);
            }
        }
        return found;
    }

    static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions();
    }
}
