package dev.seedwatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.PromText;

/** The whole command in-process against WireMock acting as OpenAI and Azure, with the local embedding model. */
@QuarkusMainTest
class RunCommandTest {

    static final String CANARY = "sk-canary-0123456789abcdef"; // SEEDWATCH_TEST_KEY, set by the surefire config
    static final String STEADY = "Mission control confirmed the crew entered Mars orbit on schedule.";
    static final String PREFIX = "The crew of Ares IV reported that the ship ";
    static final String A = PREFIX + "passed the halfway point and all systems are nominal.";
    static final String B = PREFIX + "slowed for a course correction after a solar flare warning.";

    static FakeOpenAi fake;

    @TempDir
    Path dir;

    @BeforeAll
    static void startFake() {
        fake = new FakeOpenAi();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    @Test
    void measuresDeterministicAndDivergingPromptsAndComparesWithTheBaseline(QuarkusMainLauncher launcher)
            throws IOException {
        fake.reply("same", new Reply(STEADY, "fp_a", "gpt-4o-mini-2024-07-18"));
        // Served serially (target concurrency 1), five replays get A, A, B, A, A.
        fake.reply("drift", new Reply(A, "fp_a", "gpt-4o-mini-2024-07-18"),
                new Reply(A, "fp_a", "gpt-4o-mini-2024-07-18"), new Reply(B, "fp_a", "gpt-4o-mini-2024-07-18"));
        Path suite = write("""
                suite: e2e
                defaults: {seed: 123, temperature: 0, max-tokens: 200, replays: 5}
                targets:
                  - {name: openai, base-url: "%s", model: gpt-4o-mini, api-key-env: SEEDWATCH_TEST_KEY, concurrency: 1}
                prompts:
                  - id: steady
                    messages: [{role: system, content: You are terse.}, {role: user, content: same}]
                  - id: diverging
                    top-p: 0.5
                    messages: [{role: user, content: drift}]
                """.formatted(fake.baseUrl()));
        Path state = dir.resolve("state");

        LaunchResult first = launcher.launch("run", "--suite", suite.toString(), "--state-dir", state.toString());

        assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();
        PromText m = metrics(state);
        Map<String, String> steady = Map.of("suite", "e2e", "target", "openai", "model", "gpt-4o-mini", "prompt",
                "steady");
        Map<String, String> diverging = Map.of("suite", "e2e", "target", "openai", "model", "gpt-4o-mini", "prompt",
                "diverging");
        assertThat(m.require("seedwatch_replays", steady)).isEqualTo(5);
        assertThat(m.require("seedwatch_exact_match_ratio", steady)).isEqualTo(1.0);
        assertThat(m.require("seedwatch_unique_completions", steady)).isEqualTo(1);
        assertThat(m.require("seedwatch_replay_distance_mean", steady)).isEqualTo(0.0);
        assertThat(m.require("seedwatch_replay_distance_max", steady)).isEqualTo(0.0);
        assertThat(m.require("seedwatch_common_prefix_chars", steady)).isEqualTo(STEADY.length());

        assertThat(m.require("seedwatch_exact_match_ratio", diverging)).isEqualTo(0.8); // A in 4 of 5
        assertThat(m.require("seedwatch_unique_completions", diverging)).isEqualTo(2);
        assertThat(m.require("seedwatch_common_prefix_chars", diverging)).isEqualTo(PREFIX.length());
        double max = m.require("seedwatch_replay_distance_max", diverging);
        assertThat(max).isGreaterThan(0.0);
        // 10 pairs, of which the 4 (A, B) pairs are at distance max and the 6 others at 0.
        assertThat(m.require("seedwatch_replay_distance_mean", diverging)).isCloseTo(0.4 * max, within(1e-9));
        // first run: nothing to compare against
        assertThat(m.value("seedwatch_completion_changed", steady)).isEmpty();
        assertThat(m.value("seedwatch_fingerprint_changed", Map.of("target", "openai"))).isEmpty();
        assertThat(m.require("seedwatch_prompts_measured", Map.of("target", "openai"))).isEqualTo(2);
        assertThat(m.require("seedwatch_prompts_agreeing", Map.of("target", "openai"))).isEqualTo(1);
        assertThat(m.require("seedwatch_total_agreement_ratio", Map.of("target", "openai"))).isEqualTo(0.5);
        assertThat(m.require("seedwatch_fingerprint_replays", Map.of("fingerprint", "fp_a"))).isEqualTo(10);
        assertThat(m.require("seedwatch_run_success", Map.of("suite", "e2e"))).isEqualTo(1);

        // What was sent: five byte-identical bodies per prompt, each parameter only when set.
        List<LoggedRequest> sent = fake.requests("same");
        assertThat(sent).hasSize(5);
        assertThat(sent.stream().map(LoggedRequest::getBodyAsString).distinct()).hasSize(1);
        JsonNode body = Json.MAPPER.readTree(sent.get(0).getBodyAsString());
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("seed").asLong()).isEqualTo(123);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.0);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(body.has("top_p")).isFalse();
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("Bearer " + CANARY);
        assertThat(Json.MAPPER.readTree(fake.requests("drift").get(0).getBodyAsString()).get("top_p").asDouble())
                .isEqualTo(0.5);

        // Second run: the scenario goes on with B, A, A, B, A: still mostly A, so nothing changed.
        LaunchResult second = launcher.launch("run", "--suite", suite.toString(), "--state-dir", state.toString());
        assertThat(second.exitCode()).as(second.getErrorOutput()).isZero();
        m = metrics(state);
        assertThat(m.require("seedwatch_completion_changed", steady)).isEqualTo(0);
        assertThat(m.require("seedwatch_baseline_distance", steady)).isEqualTo(0.0);
        assertThat(m.require("seedwatch_completion_changed", diverging)).isEqualTo(0);
        assertThat(m.require("seedwatch_exact_match_ratio", diverging)).isEqualTo(0.6);
        assertThat(m.require("seedwatch_fingerprint_changed", Map.of("target", "openai"))).isEqualTo(0);
        assertThat(m.require("seedwatch_previous_fingerprint_info", Map.of("fingerprint", "fp_a"))).isEqualTo(1);
        assertThat(m.require("seedwatch_tokens_total", Map.of("type", "prompt")))
                .isEqualTo(2 * m.require("seedwatch_tokens", Map.of("type", "prompt")));
        assertThat(second.getOutput()).contains("steady").contains("diverging").contains("fp_a");

        try (Stream<Path> reports = Files.list(state.resolve("runs"))) {
            assertThat(reports.filter(f -> f.toString().endsWith("-e2e.json"))).hasSize(2);
        }
        assertNoSecretIn(state, first, second);
    }

    @Test
    void azureTargetUsesDeploymentUrlApiVersionAndApiKeyHeader(QuarkusMainLauncher launcher) throws IOException {
        fake.server().stubFor(fake.chat("Tell me a story").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(FakeOpenAi.fixtureText("azure-chat.json"))));
        Path suite = write("""
                suite: azure
                defaults: {seed: 7, temperature: 0, max-completion-tokens: 50, replays: 3}
                targets:
                  - name: azure-35
                    type: azure
                    base-url: "http://127.0.0.1:%d/openai/deployments/gpt-35"
                    api-version: "2024-02-01"
                    model: gpt-35-turbo-0125
                    api-key-env: SEEDWATCH_TEST_KEY
                    headers: [{name: X-Team, value: determinism}]
                prompts:
                  - id: universe
                    messages: [{role: user, content: Tell me a story}]
                """.formatted(fake.port()));
        Path state = dir.resolve("state");

        LaunchResult result = launcher.launch("run", "--suite", suite.toString(), "--state-dir", state.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        List<LoggedRequest> sent = fake.requests("Tell me a story");
        assertThat(sent).hasSize(3);
        LoggedRequest request = sent.get(0);
        assertThat(request.getUrl()).isEqualTo("/openai/deployments/gpt-35/chat/completions?api-version=2024-02-01");
        assertThat(request.getHeader("api-key")).isEqualTo(CANARY);
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(request.getHeader("X-Team")).isEqualTo("determinism");
        JsonNode body = Json.MAPPER.readTree(request.getBodyAsString());
        assertThat(body.has("model")).isFalse();
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(body.has("max_tokens")).isFalse();
        PromText m = metrics(state);
        assertThat(m.require("seedwatch_fingerprint_info", Map.of("fingerprint", "fp_e49e4201a9"))).isEqualTo(1);
        assertThat(m.require("seedwatch_served_model_info", Map.of("served_model", "gpt-35-turbo"))).isEqualTo(1);
        assertThat(m.require("seedwatch_tokens", Map.of("type", "completion"))).isEqualTo(3 * 50);
        assertNoSecretIn(state, result);
    }

    @Test
    void contentFilteredRepliesFailWithTheirReasonAndExitOne(QuarkusMainLauncher launcher) throws IOException {
        fake.server().stubFor(fake.chat("filtered").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(FakeOpenAi.fixtureText("azure-chat-content-filter.json"))));
        Path suite = write("""
                suite: filter
                targets: [{name: t, base-url: "%s", model: m}]
                prompts: [{id: p, replays: 2, messages: [{role: user, content: filtered}]}]
                """.formatted(fake.baseUrl()));
        Path state = dir.resolve("state");

        LaunchResult result = launcher.launch("run", "--suite", suite.toString(), "--state-dir", state.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        PromText m = metrics(state);
        assertThat(m.require("seedwatch_replay_failures", Map.of("prompt", "p", "reason", "content_filter")))
                .isEqualTo(2);
        assertThat(m.value("seedwatch_exact_match_ratio", Map.of("prompt", "p"))).isEmpty();
        assertThat(m.require("seedwatch_run_success", Map.of("suite", "filter"))).isEqualTo(0);
        assertThat(m.value("seedwatch_last_success_timestamp_seconds", Map.of())).isEmpty();
        assertThat(fake.requests("filtered")).hasSize(2); // not retried: the answer will not change
    }

    @Test
    void invalidSuiteExitsTwoNamingEveryFieldAndSendsNothing(QuarkusMainLauncher launcher) throws IOException {
        Path suite = write("""
                suite: bad
                targets: [{name: t, base-url: "%s", model: m, api-key-env: SEEDWATCH_UNSET_KEY}]
                prompts:
                  - id: p
                    temperature: hot
                    replay: 3
                    messages: [{role: robot, content: hi}]
                """.formatted(fake.baseUrl()));

        LaunchResult result = launcher.launch("run", "--suite", suite.toString(), "--state-dir",
                dir.resolve("state").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput())
                .contains(suite + ": targets[0].api-key-env: environment variable SEEDWATCH_UNSET_KEY is not set")
                .contains("prompts[0].temperature: must be a number")
                .contains("prompts[0].replay: unknown key (did you mean 'replays'?)")
                .contains("prompts[0].messages[0].role: must be one of system, user, assistant");
        assertThat(fake.allRequests()).isEmpty();
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void validatePrintsThePlanAndSendsNothing(QuarkusMainLauncher launcher) throws IOException {
        Path suite = write("""
                suite: plan
                defaults: {max-tokens: 100, replays: 4}
                targets:
                  - {name: one, base-url: "%1$s", model: m1}
                  - {name: two, base-url: "%1$s", model: m2}
                prompts:
                  - {id: a, messages: [{role: user, content: a}]}
                  - {id: b, replays: 1, max-tokens: 10, messages: [{role: user, content: b}]}
                """.formatted(fake.baseUrl()));

        LaunchResult result = launcher.launch("validate", "--suite", suite.toString());

        assertThat(result.exitCode()).isZero();
        // per target: 4 + 1 requests; 4*100 + 1*10 completion tokens at most
        assertThat(result.getOutput()).contains("total: 10 request(s), at most 820 completion tokens")
                .containsPattern("one\\s+openai\\s+m1\\s+2 prompt\\(s\\)\\s+5 request\\(s\\)\\s+max completion tokens 410");
        assertThat(result.getErrorOutput() + result.getOutput()).contains("replays is 1");
        assertThat(fake.allRequests()).isEmpty();
    }

    @Test
    void badOptionsExitTwo(QuarkusMainLauncher launcher) throws IOException {
        Path suite = write("""
                suite: opts
                targets: [{name: t, base-url: "%s", model: m}]
                prompts: [{id: p, messages: [{role: user, content: x}]}]
                """.formatted(fake.baseUrl()));

        LaunchResult result = launcher.launch("run", "--suite", suite.toString(), "--concurrency", "zero",
                "--shard", "3/3", "--max-failure-ratio", "2");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("--concurrency").contains("--shard").contains("--max-failure-ratio");
        assertThat(fake.allRequests()).isEmpty();
    }

    @Test
    void anUnwritableMetricsFileExitsThreeAndKeepsReportAndState(QuarkusMainLauncher launcher) throws IOException {
        fake.reply("x", new Reply(STEADY, "fp_a", "m"));
        Path suite = write("""
                suite: disk
                targets: [{name: t, base-url: "%s", model: m}]
                prompts: [{id: p, replays: 2, messages: [{role: user, content: x}]}]
                """.formatted(fake.baseUrl()));
        Path state = dir.resolve("state");
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "a file where a directory should be");

        LaunchResult result = launcher.launch("run", "--suite", suite.toString(), "--state-dir", state.toString(),
                "--metrics-file", blocker.resolve("metrics.prom").toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.getOutput()).contains("export failed: metrics file not written");
        try (Stream<Path> reports = Files.list(state.resolve("runs"))) {
            JsonNode report = Json.MAPPER.readTree(reports.findFirst().orElseThrow().toFile());
            assertThat(report.get("exitCode").asInt()).isEqualTo(3);
            assertThat(report.get("success").asBoolean()).isFalse();
        }
        // measured and kept as the baseline, but not a success
        JsonNode stateJson = Json.MAPPER.readTree(state.resolve("state.json").toFile());
        assertThat(stateJson.path("baselines").path("t").path("p").path("text").asText()).isEqualTo(STEADY);
        assertThat(stateJson.has("lastSuccessTimestampSeconds")).isFalse();
    }

    @Test
    void aPushgatewayAnswering5xxExitsThreeAndKeepsTheMetricsFile(QuarkusMainLauncher launcher) throws IOException {
        fake.reply("x", new Reply(STEADY, "fp_a", "m"));
        fake.server().stubFor(WireMock
                .put(WireMock.urlPathMatching("/metrics/job/seedwatch/.*"))
                .willReturn(aResponse().withStatus(503).withBody("overloaded")));
        Path suite = write("""
                suite: push5xx
                targets: [{name: t, base-url: "%s", model: m}]
                prompts: [{id: p, replays: 2, messages: [{role: user, content: x}]}]
                """.formatted(fake.baseUrl()));
        Path state = dir.resolve("state");

        LaunchResult result = launcher.launch("run", "--suite", suite.toString(), "--state-dir", state.toString(),
                "--pushgateway", "http://127.0.0.1:" + fake.port());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(fake.server().findAll(WireMock.putRequestedFor(
                WireMock.urlPathEqualTo("/metrics/job/seedwatch/suite/push5xx"))))
                .hasSize(3); // retried: seedwatch.pushgateway.attempts
        PromText m = metrics(state);
        assertThat(m.require("seedwatch_run_success", Map.of("suite", "push5xx"))).isEqualTo(0);
        assertThat(m.require("seedwatch_exact_match_ratio", Map.of("prompt", "p"))).isEqualTo(1.0);
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static PromText metrics(Path state) throws IOException {
        return PromText.parse(Files.readString(state.resolve("metrics.prom")));
    }

    private static void assertNoSecretIn(Path state, LaunchResult... results) throws IOException {
        for (LaunchResult r : results) {
            assertThat(r.getOutput() + r.getErrorOutput()).doesNotContain(CANARY);
        }
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(CANARY);
            }
        }
    }
}
