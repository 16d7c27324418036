package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.LocalHttp;
import dev.seedwatch.testing.Ports;

/**
 * serve started the way users start it: {@code bin/seedwatch} listens on loopback only, the image's launcher on
 * every interface; {@code --schedule} on the command line; {@code /} leads to {@code /runs}.
 */
class LauncherServeIT {

    @TempDir
    Path dir;
    final FakeOpenAi fake = new FakeOpenAi();
    Path suite;

    @BeforeEach
    void suite() throws IOException {
        fake.reply("a", new Reply("alpha", "fp_a", "m-1"));
        suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: launcher
                targets: [{name: t, base-url: "%s", model: m}]
                prompts: [{id: a, replays: 2, messages: [{role: user, content: a}]}]
                """.formatted(fake.baseUrl()));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theLocalLauncherListensOnLoopbackOnly() throws Exception {
        InetAddress outside = nonLoopbackAddress().orElse(null);
        int port = Ports.free();
        Process p = serve("bin/seedwatch", port);
        try {
            awaitReady(port);
            assertThat(LocalHttp.status("http://127.0.0.1:" + port + "/runs")).isEqualTo(200);
            assertThat(redirect(port)).isEqualTo("/runs");
            assumeTrue(outside != null, "this machine has no address but loopback");
            assertThat(accepts(outside, port)).as("connect to %s:%d", outside, port).isFalse();
        } finally {
            stop(p);
        }
    }

    @Test
    void theImagesLauncherListensOnEveryInterface() throws Exception {
        InetAddress outside = nonLoopbackAddress().orElse(null);
        assumeTrue(outside != null, "this machine has no address but loopback");
        int port = Ports.free();
        Process p = serve("src/main/docker/seedwatch-jvm.sh", port);
        try {
            awaitReady(port);
            assertThat(accepts(outside, port)).as("connect to %s:%d", outside, port).isTrue();
        } finally {
            stop(p);
        }
    }

    private Process serve(String launcher, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(launcher).toAbsolutePath().toString(), "serve",
                "--schedule", "0 0 1 1 *", "--suite", suite.toString(), "--state-dir", dir.resolve("state").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SEEDWATCH_") || k.startsWith("QUARKUS_"));
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("SEEDWATCH_JAR", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath()
                .toString());
        return builder.start();
    }

    private void awaitReady(int port) {
        Awaitility.await().atMost(Duration.ofSeconds(90))
                .until(() -> LocalHttp.status("http://127.0.0.1:" + port + "/q/health/ready") == 200);
    }

    private static String redirect(int port) throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("location").orElse("");
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
