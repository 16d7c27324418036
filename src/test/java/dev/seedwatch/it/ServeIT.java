package dev.seedwatch.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.report.ReportReader;
import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.LocalHttp;
import dev.seedwatch.testing.Ports;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/** serve mode through the built jar: health, /q/metrics rebuilt per run, shutdown; and run mode opens no port. */
@ExtendWith(RealParts.class)
class ServeIT {

    @Started
    static FakeOpenAi fake;

    @TempDir
    Path dir;

    @Test
    void servesHealthAndTheLastRunsMetricsThenStopsOnSigterm() throws Exception {
        fake.reset();
        fake.reply("a", new Reply("alpha", "fp_1", "m-1"));
        fake.reply("b", new Reply("beta", "fp_1", "m-1"));
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: served
                targets: [{name: t, base-url: "%s", model: m}]
                prompts:
                  - {id: a, replays: 2, messages: [{role: user, content: a}]}
                  - {id: b, replays: 2, messages: [{role: user, content: b}]}
                """.formatted(fake.baseUrl()));
        int port = Ports.free();
        JarRunner jar = new JarRunner(dir);
        // every minute: the run at start is the one this test sees
        Process p = jar.start(Map.of("SEEDWATCH_SCHEDULE", "* * * * *", "QUARKUS_HTTP_PORT", Integer.toString(port)),
                "serve", "--suite", suite.toString(), "--state-dir", dir.resolve("state").toString());
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> LocalHttp.status(url(port, "/q/health/ready")) == 200);
            assertThat(LocalHttp.status(url(port, "/q/health/live"))).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> LocalHttp.body(url(port, "/q/metrics")).contains("seedwatch_run_success"));
            PromText m = PromText.parse(LocalHttp.body(url(port, "/q/metrics")));
            assertThat(m.require("seedwatch_run_success", Map.of("suite", "served"))).isEqualTo(1);
            assertThat(m.require("seedwatch_exact_match_ratio", Map.of("prompt", "b"))).isEqualTo(1.0);
            assertThat(m.require("seedwatch_fingerprint_info", Map.of("fingerprint", "fp_1"))).isEqualTo(1);
            assertThat(m.samples()).allSatisfy(s -> assertThat(s.name()).startsWith("seedwatch_"));
        } finally {
            p.destroy();
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        JarRunner.Result result = jar.result(p);
        assertThat(result.stdout() + result.stderr()).contains("run (start) finished with exit code 0");
    }

    @Test
    void servesThePagesOfTheKeptRunsAndNothingElse() throws Exception {
        fake.reset();
        fake.reply("a", new Reply("alpha <i>a</i>", "fp_1", "m-1"));
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: pages
                targets: [{name: t, base-url: "%s", model: m}]
                prompts: [{id: a, replays: 2, messages: [{role: user, content: a}]}]
                """.formatted(fake.baseUrl()));
        String state = dir.resolve("state").toString();
        JarRunner jar = new JarRunner(dir);
        assertThat(jar.run(Map.of(), "run", "--suite", suite.toString(), "--state-dir", state).exitCode()).isZero();
        int port = Ports.free();
        // the run at start writes its report gzipped: the pages read both forms side by side
        Process p = jar.start(Map.of("SEEDWATCH_SCHEDULE", "0 0 1 1 *", "QUARKUS_HTTP_PORT", Integer.toString(port),
                "SEEDWATCH_HISTORY_COMPRESS", "true"), "serve", "--suite", suite.toString(), "--state-dir", state);
        try {
            // the run at start is the second: two pages are listed once it is kept
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> LocalHttp.body(url(port, "/runs")).split("href=\"/runs/", -1).length == 3);
            String index = LocalHttp.body(url(port, "/runs"));
            List<String> ids = Pattern.compile("href=\"/runs/([^\"]+)\"").matcher(index).results()
                    .map(m -> m.group(1)).toList();
            assertThat(ids).hasSize(2).isSortedAccordingTo(Comparator.reverseOrder());

            String latest = LocalHttp.body(url(port, "/runs/latest"));
            assertThat(latest).contains(ids.get(0)).contains("alpha &lt;i&gt;a&lt;/i&gt;").doesNotContain("<i>a</i>");
            assertThat(LocalHttp.body(url(port, "/runs/" + ids.get(1)))).contains(ids.get(1));
            assertThat(Files.exists(Path.of(state, "runs", ids.get(0) + ".json.gz"))).isTrue();
            assertThat(Files.exists(Path.of(state, "runs", ids.get(1) + ".json"))).isTrue();
            for (String id : ids) {
                JsonNode report = Json.MAPPER.readTree(LocalHttp.body(url(port, "/runs/" + id + ".json")));
                assertThat(report.path("runId").asText()).isEqualTo(id);
                assertThat(ReportReader.parse(report).prompts().get(0).replays().get(1).outcome().text())
                        .isEqualTo("alpha <i>a</i>");
            }
            assertThat(LocalHttp.status(url(port, "/runs/20990101T000000.000Z-pages"))).isEqualTo(404);
            assertThat(LocalHttp.status(url(port, "/runs/..%2Fstate.json"))).isEqualTo(404);
            assertThat(LocalHttp.status(url(port, "/runs/%2e%2e%2f%2e%2e%2fsuite.yaml"))).isEqualTo(404);
            assertThat(LocalHttp.status(url(port, "/runs/" + ids.get(1) + ".json%00"))).isEqualTo(404);
        } finally {
            p.destroy();
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        jar.result(p);
    }

    private static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void serveRefusesAMissingOrBadSchedule() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: served
                targets: [{name: t, base-url: "%s", model: m}]
                prompts: [{id: a, messages: [{role: user, content: a}]}]
                """.formatted(fake.baseUrl()));
        JarRunner jar = new JarRunner(dir);

        JarRunner.Result none = jar.run(Map.of(), "serve", "--suite", suite.toString());
        JarRunner.Result bad = jar.run(Map.of("SEEDWATCH_SCHEDULE", "every hour"), "serve", "--suite", suite.toString());

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).contains("seedwatch.schedule");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("not a 5-field cron expression 'every hour'");
    }

    @Test
    void runModeOpensNoHttpListener() throws Exception {
        fake.reset();
        fake.server().stubFor(fake.chat("hang").willReturn(aResponse().withStatus(200).withFixedDelay(60_000)
                .withHeader("Content-Type", "application/json").withBody(FakeOpenAi.body(new Reply("x", "fp", "m")))));
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: quiet
                targets: [{name: t, base-url: "%s", model: m}]
                prompts: [{id: a, replays: 1, messages: [{role: user, content: hang}]}]
                """.formatted(fake.baseUrl()));
        int port = Ports.free();
        JarRunner jar = new JarRunner(dir);
        Process p = jar.start(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port)), "run", "--suite", suite.toString(),
                "--state-dir", dir.resolve("state").toString());
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fake.requests("hang").size() == 1);
            // the run is in flight, fully booted: nothing listens
            try (Socket socket = new Socket()) {
                Assertions.assertThatThrownBy(
                        () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1000))
                        .isInstanceOf(ConnectException.class);
            }
        } finally {
            p.destroy();
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(jar.result(p).exitCode()).isEqualTo(4);
    }
}
