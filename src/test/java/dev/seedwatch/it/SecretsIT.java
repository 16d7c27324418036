package dev.seedwatch.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.seedwatch.provider.ChatCompletions;
import dev.seedwatch.provider.Gemini;
import dev.seedwatch.provider.Providers;
import dev.seedwatch.suite.TargetType;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeProviders;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PromText;

/**
 * A canary key never leaves the request headers: not through debug logging of the HTTP client, not through a
 * provider that echoes it in its error, not into reports, state or metrics. A wrong key also ends the run at once.
 */
class SecretsIT {

    static final String CANARY = "sk-proj-CANARY0123456789abcdefghijklmnop";
    static final String HEADER_CANARY = "org-CANARY-header-value-42";

    @TempDir
    Path dir;

    @Test
    void aWrongKeyEndsTheRunAtOnceAndNoOutputContainsIt() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            // A provider that echoes the key it got, unmasked, in its error message.
            fake.server().stubFor(fake.chat("hello").willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + CANARY
                            + " (org " + HEADER_CANARY + ")\",\"code\":\"invalid_api_key\"}}")));
            Path suite = dir.resolve("suite.yaml");
            Files.writeString(suite, """
                    suite: secrets
                    defaults: {replays: 50}
                    targets:
                      - name: t
                        base-url: "%s"
                        model: m
                        api-key-env: CANARY_KEY
                        concurrency: 4
                        headers: [{name: OpenAI-Organization, value-env: CANARY_ORG}]
                    prompts: [{id: p, messages: [{role: user, content: hello}]}]
                    """.formatted(fake.baseUrl()));
            Path state = dir.resolve("state");
            Map<String, String> env = Map.of("CANARY_KEY", CANARY, "CANARY_ORG", HEADER_CANARY,
                    "QUARKUS_LOG_LEVEL", "DEBUG", "QUARKUS_LOG_MIN_LEVEL", "DEBUG",
                    "QUARKUS_REST_CLIENT_LOGGING_SCOPE", "request-response",
                    "QUARKUS_LOG_CATEGORY__ORG_JBOSS_RESTEASY_REACTIVE_CLIENT_LOGGING__LEVEL", "DEBUG");

            JarRunner.Result result = new JarRunner(dir).run(env, "run", "--suite", suite.toString(), "--state-dir",
                    state.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(fake.allRequests().size()).as("requests sent with a wrong key").isBetween(1, 4);
            assertThat(fake.allRequests().get(0).getHeader("Authorization")).isEqualTo("Bearer " + CANARY);
            PromText m = PromText.parse(Files.readString(state.resolve("metrics.prom")));
            assertThat(m.require("seedwatch_replay_failures", Map.of("reason", "auth"))).isEqualTo(50);
            assertThat(result.stdout() + result.stderr()).doesNotContain(CANARY).doesNotContain(HEADER_CANARY)
                    .doesNotContain("CANARY0123");
            try (Stream<Path> files = Files.walk(state)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain(CANARY)
                            .doesNotContain(HEADER_CANARY);
                }
            }
            String report;
            try (Stream<Path> reports = Files.list(state.resolve("runs"))) {
                report = Files.readString(reports.findFirst().orElseThrow());
            }
            assertThat(report).contains("Incorrect API key provided: [REDACTED]");
        }
    }

    /** The same for every other type: its own key header, its own error shape echoing the key. */
    static Stream<TargetType> everyTypeButOpenAi() {
        return Providers.TYPES.all().stream().filter(t -> !t.equals(ChatCompletions.OPENAI));
    }

    @ParameterizedTest
    @MethodSource("everyTypeButOpenAi")
    void everyTypeKeepsItsKeyOutOfEveryOutput(TargetType type) throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            FakeProviders providers = new FakeProviders(fake);
            String echo = "invalid key " + CANARY + " (org " + HEADER_CANARY + ")";
            String error = switch (type.label()) {
                case "anthropic" -> "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\""
                        + echo + "\"}}";
                case "gemini" -> "{\"error\":{\"code\":403,\"message\":\"" + echo + "\",\"status\":\"PERMISSION_DENIED\"}}";
                default -> "{\"error\":{\"message\":\"" + echo + "\",\"code\":\"invalid_api_key\"}}";
            };
            providers.fail(type, type == Gemini.TYPE ? 403 : 401, error);
            Path suite = dir.resolve("suite-" + type.label() + ".yaml");
            Files.writeString(suite, """
                    suite: secrets
                    defaults: {replays: 20, max-tokens: 10}
                    targets:
                      - name: t
                        type: %s
                        base-url: "%s"%s
                        model: %s
                        api-key-env: CANARY_KEY
                        concurrency: 2
                        headers: [{name: X-Org, value-env: CANARY_ORG}]
                    prompts: [{id: p, messages: [{role: user, content: hello}]}]
                    """.formatted(type.label(), providers.baseUrl(type),
                    type.requiresApiVersion() ? "\n    api-version: \"2024-02-01\"" : "", FakeProviders.GEMINI_MODEL));
            Path state = dir.resolve("state-" + type.label());

            JarRunner.Result result = new JarRunner(dir).run(Map.of("CANARY_KEY", CANARY, "CANARY_ORG", HEADER_CANARY,
                    "QUARKUS_LOG_LEVEL", "DEBUG", "QUARKUS_LOG_MIN_LEVEL", "DEBUG"), "run", "--suite",
                    suite.toString(), "--state-dir", state.toString());

            assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
            assertThat(fake.allRequests().size()).as("requests sent with a wrong key").isBetween(1, 2);
            assertThat(fake.allRequests().get(0).getHeader(type.keyHeader())).isEqualTo(type.keyValue(CANARY));
            PromText m = PromText.parse(Files.readString(state.resolve("metrics.prom")));
            assertThat(m.require("seedwatch_replay_failures", Map.of("reason", "auth"))).isEqualTo(20);
            assertThat(result.stdout() + result.stderr()).doesNotContain(CANARY).doesNotContain(HEADER_CANARY)
                    .doesNotContain("CANARY0123");
            try (Stream<Path> files = Files.walk(state)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain(CANARY)
                            .doesNotContain(HEADER_CANARY);
                }
            }
        }
    }
}
