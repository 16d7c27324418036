package dev.seedwatch.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;

/**
 * Debian's real Prometheus server on 127.0.0.1 with its own TSDB directory and a generated configuration: one scrape
 * job for a Pushgateway ({@code honor_labels: true}, as the Pushgateway docs require), scrape and rule evaluation
 * every second, and the given rule files. Queries go through the HTTP API.
 */
public final class PrometheusProcess implements AutoCloseable {


    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param workDir an empty directory for the configuration, the TSDB and the log
     * @param pushgateway host:port of the Pushgateway to scrape
     * @param ruleFiles rule files to load
     */
    public PrometheusProcess(Path workDir, String pushgateway, List<Path> ruleFiles) throws IOException {
        Path binary = RealBinary.require("prometheus");
        Files.createDirectories(workDir);
        port = Ports.free();
        log = workDir.resolve("prometheus.log");
        Path config = workDir.resolve("prometheus.yml");
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: pushgateway
                    honor_labels: true
                    static_configs:
                      - targets: ['%s']
                rule_files:
                """.formatted(pushgateway));
        for (Path rules : ruleFiles) {
            yaml.append("  - '").append(rules.toAbsolutePath()).append("'\n");
        }
        Files.writeString(config, yaml);
        Path tsdb = Files.createDirectories(workDir.resolve("tsdb"));
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + tsdb, "--web.listen-address=127.0.0.1:" + port));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || status("/-/ready") == 200);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("Prometheus did not become ready:\n" + log(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + log());
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The {@code data} of an instant query ({@code /api/v1/query}); an API error (bad PromQL) throws. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        return api("/api/v1/query?query=" + encode(promql), "query " + promql);
    }

    /** Values of a label among the series matching a selector ({@code /api/v1/label/<name>/values}). */
    public List<String> labelValues(String label, String selector) throws IOException, InterruptedException {
        JsonNode data = api("/api/v1/label/" + label + "/values?match[]=" + encode(selector),
                "label values of " + label + " for " + selector);
        List<String> values = new ArrayList<>();
        data.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Active (pending or firing) alerts: {@code /api/v1/alerts} data.alerts. */
    public JsonNode alerts() throws IOException, InterruptedException {
        return api("/api/v1/alerts", "alerts").path("alerts");
    }

    /** Loaded rule groups with their health: {@code /api/v1/rules} data.groups. */
    public JsonNode ruleGroups() throws IOException, InterruptedException {
        return api("/api/v1/rules", "rules").path("groups");
    }

    /** What Prometheus logged so far, for failure messages. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private JsonNode api(String pathAndQuery, String what) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(what + ": HTTP " + response.statusCode() + ", not JSON: " + response.body(), e);
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError(what + ": HTTP " + response.statusCode() + " " + body.path("errorType").asText()
                    + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private int status(String path) {
        return LocalHttp.status(url() + path);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
