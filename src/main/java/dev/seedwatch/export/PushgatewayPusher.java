package dev.seedwatch.export;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.Causes;
import dev.seedwatch.support.Json;
import dev.seedwatch.support.RetryPolicy;

/**
 * Talks to a Pushgateway over one HTTP client: a run's metrics replace their whole group (PUT), so nothing of an
 * earlier run survives in it, and groups of another shard layout are listed and deleted. Grouping key:
 * {@code job="seedwatch", suite=<suite>}, plus {@code shard=<i>} when sharded. Each call is retried with the run's
 * retry policy.
 */
public final class PushgatewayPusher {

    public static final String JOB = "seedwatch";
    private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

    private final URI base;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final HttpClient http;

    public PushgatewayPusher(URI url, Duration timeout, RetryPolicy retry) {
        this.base = URI.create(url.toString().endsWith("/") ? url.toString() : url + "/");
        this.timeout = timeout;
        this.retry = retry;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public static Map<String, String> groupingKey(String suite, Shard shard) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("suite", suite);
        if (shard.sharded()) {
            key.put("shard", Integer.toString(shard.index()));
        }
        return key;
    }

    /** Replaces the group with these metrics; throws the last failure when every attempt failed. */
    public void push(RunMetrics metrics, String suite, Shard shard) throws IOException {
        send(HttpRequest.newBuilder(group(groupingKey(suite, shard)))
                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(metrics.text(), StandardCharsets.UTF_8)), 200, 202);
    }

    /**
     * Deletes this suite's groups that the current shard layout no longer pushes: with N shards, groups of shard
     * &ge; N and the unsharded group; unsharded, every shard group. Returns the grouping keys deleted.
     */
    public List<Map<String, String>> deleteOrphanGroups(String suite, Shard shard) throws IOException {
        List<Map<String, String>> deleted = new ArrayList<>();
        for (Map<String, String> labels : groups()) {
            if (!JOB.equals(labels.get("job")) || !suite.equals(labels.get("suite"))) {
                continue;
            }
            String shardLabel = labels.get("shard");
            boolean orphan;
            if (!shard.sharded()) {
                orphan = shardLabel != null;
            } else if (shardLabel == null) {
                orphan = true;
            } else {
                orphan = !shardLabel.matches("\\d+") || Integer.parseInt(shardLabel) >= shard.count();
            }
            if (orphan) {
                Map<String, String> key = new LinkedHashMap<>(labels);
                key.remove("job");
                // the Pushgateway adds an empty instance label itself when a group has none
                if (key.getOrDefault("instance", "x").isEmpty()) {
                    key.remove("instance");
                }
                send(HttpRequest.newBuilder(group(key)).DELETE(), 202, 200);
                deleted.add(key);
            }
        }
        return deleted;
    }

    /** The grouping labels of every group the Pushgateway holds ({@code GET /api/v1/metrics}). */
    private List<Map<String, String>> groups() throws IOException {
        String body = send(HttpRequest.newBuilder(base.resolve("api/v1/metrics")).GET(), 200);
        List<Map<String, String>> groups = new ArrayList<>();
        for (JsonNode group : Json.MAPPER.readTree(body).path("data")) {
            Map<String, String> labels = new LinkedHashMap<>();
            group.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            groups.add(labels);
        }
        return groups;
    }

    /**
     * {@code metrics/job/seedwatch/<label>/<value>…}; a value that is empty or not a plain path segment goes as
     * {@code <label>@base64/<base64url>}, which the Pushgateway decodes.
     */
    private URI group(Map<String, String> key) {
        StringBuilder path = new StringBuilder("metrics/job/").append(JOB);
        key.forEach((name, value) -> {
            if (PLAIN_SEGMENT.matcher(value).matches()) {
                path.append('/').append(name).append('/').append(value);
            } else {
                path.append('/').append(name).append("@base64/").append(value.isEmpty() ? "="
                        : Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            }
        });
        return base.resolve(path.toString());
    }

    private String send(HttpRequest.Builder request, int... expected) throws IOException {
        HttpRequest built = request.timeout(timeout).build();
        IOException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                sleep(retry.before(attempt - 1, null));
            }
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                for (int status : expected) {
                    if (response.statusCode() == status) {
                        return response.body();
                    }
                }
                last = new IOException(built.method() + " " + built.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body().strip());
            } catch (IOException e) {
                // the JDK's client says "null" for a refused connection; the cause chain says what happened
                last = new IOException(Causes.describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while talking to the Pushgateway", e);
            }
        }
        throw last;
    }

    private static void sleep(Duration wait) throws IOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
        }
    }
}
