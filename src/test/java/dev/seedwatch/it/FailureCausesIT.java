package dev.seedwatch.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.Ports;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/** The built jar says why things failed: the provider's status and message, the Pushgateway's cause, the state dir. */
@ExtendWith(RealParts.class)
class FailureCausesIT {

    static final String KEY = "sk-it-causes-canary-0123456789";
    static final Map<String, String> ENV = Map.of("IT_KEY", KEY, "SEEDWATCH_RETRY_MAX_ATTEMPTS", "1",
            "SEEDWATCH_PUSHGATEWAY_ATTEMPTS", "1");

    @TempDir
    Path dir;
    @Started
    FakeOpenAi fake;

    @Test
    void theConsoleSaysWhyReplaysFailedWithTheProvidersMessageRedacted() throws Exception {
        fake.server().stubFor(fake.chat("a").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}")));
        int closed = Ports.free();
        Path suite = suite("""
                targets:
                  - {name: keyed, base-url: "%s", model: m, api-key-env: IT_KEY}
                  - {name: down, base-url: "http://127.0.0.1:%d/v1", model: m}
                """.formatted(fake.baseUrl(), closed));

        JarRunner.Result result = new JarRunner(dir).run(ENV, "run", "--suite", suite.toString(), "--state-dir",
                dir.resolve("state").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).contains("why replays failed:")
                .contains("2 x keyed: auth: HTTP 401: Incorrect API key provided:")
                .containsPattern("2 x down: connection: \\w+Exception: .*[Rr]efused");
        assertThat(result.all()).doesNotContain(KEY);
    }

    @Test
    void aPushgatewayThatIsDownIsNamedWithItsCause() throws Exception {
        fake.reply("a", new Reply("alpha", "fp_a", "m-1"));
        Path suite = suite("""
                targets: [{name: t, base-url: "%s", model: m}]
                """.formatted(fake.baseUrl()));

        JarRunner.Result result = new JarRunner(dir).run(ENV, "run", "--suite", suite.toString(), "--state-dir",
                dir.resolve("state").toString(), "--pushgateway", "http://127.0.0.1:" + Ports.free());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.all()).containsPattern("push to Pushgateway http://127.0.0.1:\\d+ failed: \\w*Exception")
                .doesNotContain("failed: null");
    }

    @Test
    void aStateDirThatIsAFileIsInvalidInputForRunAndValidate() throws Exception {
        fake.reply("a", new Reply("alpha", "fp_a", "m-1"));
        Path suite = suite("""
                targets: [{name: t, base-url: "%s", model: m}]
                """.formatted(fake.baseUrl()));
        Path file = Files.writeString(dir.resolve("state"), "not a directory");
        JarRunner jar = new JarRunner(dir);

        for (String command : new String[] { "validate", "run" }) {
            JarRunner.Result result = jar.run(ENV, command, "--suite", suite.toString(), "--state-dir",
                    file.toString());
            assertThat(result.exitCode()).as(command).isEqualTo(2);
            assertThat(result.stderr()).as(command)
                    .contains("--state-dir (seedwatch.state-dir): " + file + " is a file, not a directory");
            assertThat(result.all().split(file.toString(), -1)).as("the path said once").hasSize(2);
        }
        assertThat(fake.allRequests()).isEmpty();
    }

    private Path suite(String targets) throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, "suite: causes\ndefaults: {replays: 2}\n" + targets
                + "prompts: [{id: a, messages: [{role: user, content: a}]}]\n");
        return suite;
    }
}
