package dev.seedwatch.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * Debian's real prometheus-pushgateway on 127.0.0.1, without persistence so that tests and runs never share
 * groups through the package's default data file.
 */
public final class PushgatewayProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public PushgatewayProcess(Path logFile) throws IOException {
        Path binary = RealBinary.require("prometheus-pushgateway");
        port = Ports.free();
        process = new ProcessBuilder(List.of(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=", "--web.enable-admin-api"))
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> status("/-/ready") == 200);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Everything the Pushgateway exposes for scraping. */
    public PromText metrics() throws IOException, InterruptedException {
        return PromText.parse(get("/metrics"));
    }

    public String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private int status(String path) {
        return LocalHttp.status(url() + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
