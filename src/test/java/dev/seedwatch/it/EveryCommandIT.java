package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.LocalHttp;
import dev.seedwatch.testing.Ports;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * Every command of the packaged artifact as a user runs it, in its own process: the jar here, the native executable
 * in the native workflow ({@code ./mvnw -Pnative verify}). The suite names no embedding provider, so the jar
 * measures distances with the in-process model and the native executable with the n-gram distance.
 */
@ExtendWith(RealParts.class)
class EveryCommandIT {

    static final String A = "The rocket lifted off at dawn, carrying four astronauts towards Mars.";
    static final String B = "At dawn the Mars rocket cleared the tower with its crew of four aboard.";

    @Started
    static FakeOpenAi fake;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fake.reply("varying", new Reply(A, "fp_every", "m-1"), new Reply(B, "fp_every", "m-1"));
        fake.reply("steady", new Reply("Paris <b>&</b> Lyon.", "fp_every", "m-1"));
    }

    /** {@code command} with this test's suite and state dir. */
    String[] inputs(String... command) throws IOException {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: every
                defaults: {seed: 1, temperature: 0, max-tokens: 50, replays: 4}
                targets: [{name: fake, base-url: "%s", model: m, concurrency: 1}]
                prompts:
                  - {id: varying, messages: [{role: user, content: varying}]}
                  - {id: steady, messages: [{role: user, content: steady}]}
                """.formatted(fake.baseUrl()));
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--suite", suite.toString(), "--state-dir", dir.resolve("state").toString()));
        return args.toArray(String[]::new);
    }

    @Test
    void validateRunTwiceAndReport() throws Exception {
        JarRunner app = new JarRunner(dir);
        JarRunner.Result validate = app.run(Map.of(), inputs("validate"));
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.stdout()).contains("embeddings: " + (app.isNative() ? "ngram" : "local"));

        for (int i = 0; i < 2; i++) {
            JarRunner.Result run = app.run(Map.of(), inputs("run"));
            assertThat(run.exitCode()).as(run.all()).isZero();
        }
        PromText metrics = PromText.parse(Files.readString(dir.resolve("state").resolve("metrics.prom")));
        assertThat(metrics.require("seedwatch_replay_distance_mean", Map.of("prompt", "varying"))).isBetween(0.01,
                1.0);
        // the second run compared against the first: same text, so no change and a baseline distance of 0
        assertThat(metrics.require("seedwatch_baseline_distance", Map.of("prompt", "varying"))).isZero();

        Path page = dir.resolve("page.html");
        JarRunner.Result report = app.run(Map.of(), "report", "--state-dir", dir.resolve("state").toString(),
                "--out", page.toString());
        assertThat(report.exitCode()).as(report.all()).isZero();
        assertThat(Files.readString(page)).contains("every · ").contains(A).contains(B)
                .contains("Paris &lt;b&gt;&amp;&lt;/b&gt; Lyon.").doesNotContain("<b>&</b>");
    }

    @Test
    void baselinePinShowUnpin() throws Exception {
        JarRunner app = new JarRunner(dir);
        assertThat(app.run(Map.of(), inputs("run")).exitCode()).isZero();

        JarRunner.Result pin = app.run(Map.of(), inputs("baseline", "pin"));
        assertThat(pin.exitCode()).as(pin.all()).isZero();
        assertThat(pin.stdout()).contains("pinned run").contains("2 prompt(s)");
        JarRunner.Result show = app.run(Map.of(), inputs("baseline", "show"));
        assertThat(show.exitCode()).as(show.all()).isZero();
        assertThat(show.stdout()).contains("golden run").contains("text: Paris <b>&</b> Lyon.");
        JarRunner.Result unpin = app.run(Map.of(), inputs("baseline", "unpin"));
        assertThat(unpin.exitCode()).as(unpin.all()).isZero();
        assertThat(unpin.stdout()).contains("unpinned the golden baseline");
        assertThat(app.run(Map.of(), inputs("baseline", "show")).stdout()).contains("no golden baseline pinned");
    }

    @Test
    void serveRunsAtStartAndServesThePages() throws Exception {
        JarRunner app = new JarRunner(dir);
        assertThat(app.run(Map.of(), inputs("run")).exitCode()).isZero();
        int port = Ports.free();
        String base = "http://127.0.0.1:" + port;
        Process serve = app.start(Map.of("SEEDWATCH_SCHEDULE", "0 0 1 1 *", "QUARKUS_HTTP_PORT",
                Integer.toString(port)), inputs("serve"));
        try {
            // the run at start is the second kept run
            Awaitility.await().atMost(Duration.ofSeconds(90))
                    .until(() -> LocalHttp.body(base + "/runs").split("href=\"/runs/", -1).length == 3);
            String latest = LocalHttp.body(base + "/runs/latest");
            assertThat(latest).contains(A).contains("Paris &lt;b&gt;&amp;&lt;/b&gt; Lyon.");
            String first = Pattern.compile("href=\"/runs/([^\"]+)\"").matcher(LocalHttp.body(base + "/runs"))
                    .results().map(m -> m.group(1)).reduce((newer, older) -> older).orElseThrow();
            assertThat(LocalHttp.status(base + "/runs/" + first)).isEqualTo(200);
            assertThat(LocalHttp.body(base + "/q/metrics")).contains("seedwatch_run_success");
            assertThat(LocalHttp.status(base + "/q/health/ready")).isEqualTo(200);
        } finally {
            serve.destroy();
        }
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
}
