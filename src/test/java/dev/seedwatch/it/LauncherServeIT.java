package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.LocalHttp;
import dev.seedwatch.testing.Ports;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * serve started the way users start it: {@code bin/seedwatch} listens on loopback only, the image's launcher on
 * every interface; {@code --schedule} on the command line; {@code /} leads to {@code /runs}.
 */
@ExtendWith(RealParts.class)
class LauncherServeIT {

    @TempDir
    Path dir;
    @Started
    FakeOpenAi fake;
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

    @Test
    void theLocalLauncherListensOnLoopbackOnly() throws Exception {
        int port = Ports.free();
        Process p = serve("bin/seedwatch", port);
        try {
            awaitReady(port);
            assertThat(LocalHttp.status("http://127.0.0.1:" + port + "/runs")).isEqualTo(200);
            assertThat(redirect(port)).isEqualTo("/runs");
            assertThat(listening(port)).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        } finally {
            stop(p);
        }
    }

    @Test
    void theImagesLauncherListensOnEveryInterface() throws Exception {
        int port = Ports.free();
        Process p = serve("src/main/docker/seedwatch-jvm.sh", port);
        try {
            awaitReady(port);
            assertThat(listening(port)).anyMatch(InetAddress::isAnyLocalAddress);
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

    /**
     * The addresses listening on {@code port}, as the kernel's socket tables say: no connection to another address
     * of this machine is needed to tell loopback from every interface.
     */
    private static List<InetAddress> listening(int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if ("0A".equals(fields[3]) && local.length == 2 && local[1].equalsIgnoreCase("%04X".formatted(port))) {
                    addresses.add(InetAddress.getByAddress(kernelOrder(local[0])));
                }
            }
        }
        return addresses;
    }

    /** The kernel writes an address as 32-bit words in host (little-endian) byte order. */
    private static byte[] kernelOrder(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int word = i / 4 * 4;
            int inWord = 3 - i % 4;
            bytes[i] = (byte) Integer.parseInt(hex.substring((word + inWord) * 2, (word + inWord) * 2 + 2), 16);
        }
        return bytes;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
