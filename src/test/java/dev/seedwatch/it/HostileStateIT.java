package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.report.ReportReader;
import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.HostilePeer;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * The built jar against a provider whose answers are well-formed but hostile, and against a broken state dir:
 * nothing measured is lost, nothing the provider says escapes its bounds, and a failed run never reads as a success.
 */
@ExtendWith(RealParts.class)
class HostileStateIT {

    static final String KEY = "sk-it-round-two-0042";
    static final String STALE_SUCCESS = "seedwatch_run_success{suite=\"hostile\"} 1.0\n";

    @TempDir
    Path dir;

    @Started
    HostilePeer peer;
    JarRunner jar;
    Path state;

    @BeforeEach
    void start() throws IOException {
        jar = new JarRunner(dir);
        state = dir.resolve("state");
    }

    private Path suite(String kind, String extra) throws IOException {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: hostile
                targets: [{name: t, base-url: "%s", model: m, api-key-env: IT_KEY}]
                prompts: [{id: p, replays: 2, messages: [{role: user, content: hello}]}]
                %s
                """.formatted(peer.baseUrl(kind), extra));
        return suite;
    }

    private JarRunner.Result run(Path suite) throws Exception {
        return jar.run(Map.of("IT_KEY", KEY), "run", "--suite", suite.toString(), "--state-dir", state.toString());
    }

    /** A chat completion of the fixture's shape with the given fields replaced. */
    private static String reply(String text, String fingerprint, String model, long completionTokens) {
        ObjectNode body = (ObjectNode) FakeOpenAi.fixture("openai-chat.json");
        ((ObjectNode) body.withArray("choices").get(0).get("message")).put("content", text);
        body.put("system_fingerprint", fingerprint).put("model", model);
        ((ObjectNode) body.get("usage")).put("completion_tokens", completionTokens);
        return body.toString();
    }

    private JsonNode report() throws IOException {
        try (Stream<Path> files = Files.list(state.resolve("runs"))) {
            return Json.MAPPER.readTree(files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow().toFile());
        }
    }

    @Test
    void embeddingsOfTwoDimensionsLeaveDistancesAbsentAndEverythingElseWritten() throws Exception {
        AtomicInteger n = new AtomicInteger();
        peer.answer("chat", body -> reply(n.getAndIncrement() % 2 == 0 ? "alpha" : "beta", "fp_1", "m-1", 3));
        peer.answer("dims", body -> {
            ArrayNode data = Json.MAPPER.createArrayNode();
            try {
                JsonNode input = Json.MAPPER.readTree(body).path("input");
                for (int i = 0; i < input.size(); i++) {
                    ArrayNode vector = data.addObject().put("index", i).putArray("embedding");
                    for (int d = 0; d < 3 + i; d++) {
                        vector.add(1.0 + d);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Json.MAPPER.createObjectNode().set("data", data).toString();
        });
        Files.createDirectories(state);
        Files.writeString(state.resolve("metrics.prom"), STALE_SUCCESS);

        JarRunner.Result result = run(suite("chat", "embedding: {provider: openai, base-url: \"%s\", model: e}"
                .formatted(peer.baseUrl("dims"))));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(result.all()).contains("different dimensions").doesNotContain("Exception:");
        JsonNode figures = report().path("prompts").get(0).path("figures");
        assertThat(figures.path("uniqueCompletions").asInt()).isEqualTo(2);
        assertThat(figures.has("distanceMean")).isFalse();
        assertThat(state.resolve("state.json")).exists();
        PromText metrics = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(metrics.require("seedwatch_run_success", Map.of("suite", "hostile"))).isZero();
    }

    @Test
    void aHostileReplyIsCappedEscapedAndRedactedEverywhere() throws Exception {
        String fingerprint = KEY + "\u001b[2J\r\n\u0000" + "f".repeat(1 << 20);
        peer.answer("chat", body -> reply("echo " + KEY, fingerprint, KEY + "\u001b]0;x\u0007", 3));

        JarRunner.Result result = run(suite("chat", ""));

        assertThat(result.exitCode()).as(result.all()).isZero();
        String metrics = Files.readString(state.resolve("metrics.prom"));
        List<String> everything = List.of(result.all(), metrics, Files.readString(state.resolve("state.json")),
                report().toString());
        assertThat(everything).allSatisfy(text -> assertThat(text).doesNotContain(KEY).doesNotContain("\u001b")
                .doesNotContain("\u0000").doesNotContain("f".repeat(300)));
        assertThat(metrics).contains("fingerprint=\"[REDACTED]\\\\u001b[2J\\\\r\\\\n\\\\u0000fff");
        try (Stream<Path> files = Files.list(state.resolve("runs"))) {
            assertThat(files.mapToLong(f -> f.toFile().length()).sum()).as("report bytes").isLessThan(64_000);
        }
        JarRunner.Result page = jar.run(Map.of(), "report", "--state-dir", state.toString());
        assertThat(page.exitCode()).as(page.all()).isZero();
    }

    @Test
    void aNegativeOrAbsurdTokenCountIsABadResponseAndNeverReachesTheCounter() throws Exception {
        AtomicInteger n = new AtomicInteger();
        peer.answer("chat", body -> reply("same", "fp_1", "m-1", n.getAndIncrement() % 2 == 0 ? -5 : Long.MAX_VALUE));

        JarRunner.Result result = run(suite("chat", ""));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(ReportReader.parse(report()).prompts().get(0).replays()).allSatisfy(r -> {
            assertThat(r.outcome().failure()).isEqualTo(FailureReason.BAD_RESPONSE);
            assertThat(r.outcome().error()).contains("completion_tokens");
        });
        PromText metrics = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        assertThat(metrics.require("seedwatch_tokens_total",
                Map.of("suite", "hostile", "target", "t", "model", "m", "type", "completion"))).isZero();
    }

    @Test
    void aStateFileOfANewerSeedwatchIsRefusedNotReset() throws Exception {
        peer.answer("chat", body -> reply("same", "fp_1", "m-1", 3));
        Files.createDirectories(state);
        Files.writeString(state.resolve("state.json"), "{\"version\": 99, \"lastSuccessTimestampSeconds\": 1}");

        JarRunner.Result result = run(suite("chat", ""));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.stderr()).contains("newer seedwatch").contains("state version 99");
        assertThat(Files.readString(state.resolve("state.json"))).contains("99");
        assertThat(peer.requests()).isZero();
    }

    @Test
    void garbageAndSymlinksInRunsAreSkippedAndAnUnreadableGoldenIsSaid() throws Exception {
        peer.answer("chat", body -> reply("same", "fp_1", "m-1", 3));
        Path suite = suite("chat", "");
        assertThat(run(suite).exitCode()).isZero();
        Path runs = state.resolve("runs");
        Files.writeString(runs.resolve("29990101T000000.000Z-hostile.json"), "garbage {");
        Files.createSymbolicLink(runs.resolve("29990102T000000.000Z-hostile.json"), Path.of("/etc/hostname"));
        Files.writeString(state.resolve("golden.json"), "{not json");

        JarRunner.Result second = run(suite);
        JarRunner.Result page = jar.run(Map.of(), "report", "--state-dir", state.toString());

        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.all()).contains("golden.json is unreadable, golden figures are absent");
        assertThat(newestReport(runs).path("problems").toString()).contains("golden.json is unreadable");
        assertThat(page.exitCode()).as(page.all()).isZero();
        assertThat(page.all()).contains("29990101T000000.000Z-hostile.json").contains("not a readable seedwatch report")
                .doesNotContain("Exception");
    }

    private static JsonNode newestReport(Path runs) throws IOException {
        try (Stream<Path> files = Files.list(runs)) {
            // the newest real report: the planted ones are dated 2999
            Path newest = files.filter(f -> !f.getFileName().toString().startsWith("2999"))
                    .filter(f -> f.toString().endsWith(".json")).max(Path::compareTo).orElseThrow();
            return Json.MAPPER.readTree(newest.toFile());
        }
    }

    @Test
    void aFullDiskLeavesNoMetricsFileSayingSuccess() throws Exception {
        peer.answer("chat", body -> reply("same " + "x".repeat(8000), "fp_1", "m-1", 3));
        Files.createDirectories(state);
        Files.writeString(state.resolve("metrics.prom"), STALE_SUCCESS);

        JarRunner.Result result = jar.runWithFileSizeLimit(4, Map.of("IT_KEY", KEY), "run", "--suite",
                suite("chat", "").toString(), "--state-dir", state.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(result.all()).contains("metrics file not written").contains("previous run's file was removed");
        assertThat(state.resolve("metrics.prom")).doesNotExist();
    }

    @Test
    void aYamlAliasIsRejectedNamingTheField() throws Exception {
        Path suite = dir.resolve("alias.yaml");
        Files.writeString(suite, """
                suite: hostile
                targets: [{name: t, base-url: "%s", model: m, api-key-env: IT_KEY}]
                prompts:
                  - id: p
                    messages: [{role: system, content: &sys "You are terse."}, {role: user, content: *sys}]
                """.formatted(peer.baseUrl("chat")));

        JarRunner.Result result = run(suite);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("prompts[0].messages[1].content").contains("YAML alias");
        assertThat(peer.requests()).isZero();
    }
}
