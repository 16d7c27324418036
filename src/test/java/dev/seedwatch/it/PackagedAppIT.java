package dev.seedwatch.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.PromText;

/**
 * The packaged artifact as Quarkus built it — the fast-jar here, the native executable in the native workflow
 * ({@code ./mvnw -Pnative verify}) — validates a suite and runs it against WireMock acting as OpenAI (chat and
 * embeddings) and as the Pushgateway. Everything a run touches is exercised: picocli, configuration, the REST
 * client, JSON of requests, reports and state, the embeddings endpoint and the push. The suite uses
 * {@code embedding.provider: openai}, which the native executable supports; the in-process model is JVM-only.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = PackagedAppIT.FakeWorld.class, restrictToAnnotatedClass = true)
class PackagedAppIT {

    static final String VARYING = "Describe the launch of a rocket to Mars.";
    static final String STEADY = "What is the capital of France?";
    static final String A = "The rocket lifted off at dawn, carrying four astronauts towards Mars.";
    static final String B = "At dawn the Mars rocket cleared the tower with its crew of four aboard.";

    /** WireMock as OpenAI and Pushgateway, and the suite and state dir, passed to the app as configuration. */
    public static class FakeWorld implements QuarkusTestResourceLifecycleManager {
        static FakeOpenAi fake;
        static Path dir;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory("seedwatch-packaged-it");
                fake = new FakeOpenAi();
                fake.reply(VARYING, new Reply(A, "fp_packaged", "gpt-4o-mini-2024-07-18"),
                        new Reply(B, "fp_packaged", "gpt-4o-mini-2024-07-18"));
                fake.reply(STEADY, new Reply("Paris.", "fp_packaged", "gpt-4o-mini-2024-07-18"));
                fake.server().stubFor(post(urlPathEqualTo("/v1/embeddings")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(FakeOpenAi.fixtureText("openai-embeddings.json"))));
                fake.server().stubFor(put(urlPathMatching("/metrics/job/seedwatch/.*")).willReturn(aResponse()
                        .withStatus(200)));
                Path suite = dir.resolve("suite.yaml");
                Files.writeString(suite, """
                        suite: packaged
                        defaults: {seed: 123, temperature: 0, max-tokens: 50, replays: 4}
                        targets:
                          - {name: fake, base-url: "%1$s", model: gpt-4o-mini, concurrency: 1}
                        embedding: {provider: openai, base-url: "%1$s", model: text-embedding-3-small}
                        prompts:
                          - {id: varying, messages: [{role: user, content: "%2$s"}]}
                          - {id: steady, messages: [{role: user, content: "%3$s"}]}
                        """.formatted(fake.baseUrl(), VARYING, STEADY));
                return Map.of("seedwatch.suite", suite.toString(),
                        "seedwatch.state-dir", dir.resolve("state").toString(),
                        "seedwatch.pushgateway.url", "http://127.0.0.1:" + fake.port());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            if (fake != null) {
                fake.close();
            }
        }
    }

    @Test
    void validatePrintsThePlanAndSendsNothing(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("validate");

        assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("suite packaged").contains("8 request(s)");
        // The resources start with each launch, so this fake saw only the validate.
        assertThat(FakeWorld.fake.allRequests()).isEmpty();
    }

    /**
     * The in-process embedding model is the JVM build's alone: a suite that names no provider gets it on the JVM and
     * the n-gram distance in the native executable, which refuses {@code provider: local} before anything is sent.
     */
    @Test
    void aSuiteNamingNoEmbeddingProviderGetsTheModelTheBuildHas(QuarkusMainLauncher launcher) throws IOException {
        Path unnamed = suite("targets: [{name: fake, base-url: \"http://127.0.0.1:9/v1\", model: gpt-4o-mini}]");
        Path local = suite("targets: [{name: fake, base-url: \"http://127.0.0.1:9/v1\", model: gpt-4o-mini}]\n"
                + "embedding: {provider: local}");
        Properties artifact = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("target/quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        boolean nativeExecutable = artifact.getProperty("type").equals("native");

        LaunchResult result = launcher.launch("validate", "--suite", unnamed.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains(nativeExecutable ? "embeddings: ngram" : "embeddings: local");

        result = launcher.launch("validate", "--suite", local.toString());
        if (nativeExecutable) {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.getErrorOutput()).contains("embedding.provider").contains("provider: ngram");
        } else {
            assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        }
    }

    private static Path suite(String targetsAndEmbedding) throws IOException {
        Path file = Files.createTempFile("seedwatch-embedding", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, "suite: local\n" + targetsAndEmbedding
                + "\nprompts: [{id: p, messages: [{role: user, content: hi}]}]\n");
        return file;
    }

    @Test
    void runMeasuresWritesReportAndStateAndPushes(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("run");

        assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
        Path state = FakeWorld.dir.resolve("state");
        PromText metrics = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(metrics.require("seedwatch_run_success", Map.of("suite", "packaged"))).isEqualTo(1);
        assertThat(metrics.require("seedwatch_unique_completions", Map.of("prompt", "varying"))).isEqualTo(2);
        assertThat(metrics.require("seedwatch_exact_match_ratio", Map.of("prompt", "steady"))).isEqualTo(1);
        // Two distinct texts: embedded through /v1/embeddings, so the distance is present and above 0.
        assertThat(metrics.require("seedwatch_replay_distance_mean", Map.of("prompt", "varying"))).isPositive();
        assertThat(metrics.require("seedwatch_fingerprint_info", Map.of("fingerprint", "fp_packaged"))).isEqualTo(1);

        JsonNode report;
        try (Stream<Path> reports = Files.list(state.resolve("runs"))) {
            List<Path> files = reports.toList();
            assertThat(files).hasSize(1);
            report = Json.MAPPER.readTree(files.get(0).toFile());
        }
        assertThat(report.toString()).contains(A).contains(B).contains("fp_packaged");
        assertThat(Json.MAPPER.readTree(state.resolve("state.json").toFile()).size()).isPositive();

        List<LoggedRequest> pushes = FakeWorld.fake.server()
                .findAll(putRequestedFor(urlPathMatching("/metrics/job/seedwatch/.*")));
        assertThat(pushes).isNotEmpty();
        assertThat(pushes.get(0).getUrl()).contains("suite/packaged");
        assertThat(pushes.get(0).getBodyAsString()).contains("seedwatch_run_success");
    }
}
