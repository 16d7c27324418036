package dev.seedwatch.metrics;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.prometheus.client.exporter.PushGateway;
import io.smallrye.mutiny.Uni;

import dev.seedwatch.suite.Shard;

/**
 * Pushes a run's metrics to a Pushgateway, replacing the whole group (PUT) so that nothing of an earlier run
 * survives in it. Grouping key: {@code job="seedwatch", suite=<suite>}, plus {@code shard=<i>} when sharded.
 */
public final class PushgatewayPusher {

    public static final String JOB = "seedwatch";

    private final URI url;
    private final Duration timeout;
    private final int attempts;

    public PushgatewayPusher(URI url, Duration timeout, int attempts) {
        this.url = url;
        this.timeout = timeout;
        this.attempts = attempts;
    }

    public static Map<String, String> groupingKey(String suite, Shard shard) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("suite", suite);
        if (shard.sharded()) {
            key.put("shard", Integer.toString(shard.index()));
        }
        return key;
    }

    /** Pushes, retrying briefly; throws the last failure when every attempt failed. */
    public void push(RunMetrics metrics, String suite, Shard shard) throws IOException {
        PushGateway gateway = new PushGateway(url.toURL());
        gateway.setConnectionFactory(u -> {
            HttpURLConnection c = (HttpURLConnection) new java.net.URL(u).openConnection();
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            return c;
        });
        try {
            Uni.createFrom().item(() -> {
                try {
                    gateway.push(metrics.registry(), JOB, groupingKey(suite, shard));
                    return Boolean.TRUE;
                } catch (IOException e) {
                    throw new PushFailed(e);
                }
            }).onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(4)).atMost(attempts - 1)
                    .await().indefinitely();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof PushFailed failed) {
                    throw (IOException) failed.getCause();
                }
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Deletes this suite's groups that the current shard layout no longer pushes: with N shards, groups of shard
     * &ge; N and the unsharded group; unsharded, every shard group. Returns the grouping keys deleted.
     */
    public List<Map<String, String>> deleteOrphanGroups(String suite, Shard shard) throws IOException {
        List<Map<String, String>> deleted = new ArrayList<>();
        PushGateway gateway = new PushGateway(url.toURL());
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
                key.remove("instance"); // added by the Pushgateway itself when absent
                if (labels.containsKey("instance") && !labels.get("instance").isEmpty()) {
                    key.put("instance", labels.get("instance"));
                }
                gateway.delete(JOB, key);
                deleted.add(key);
            }
        }
        return deleted;
    }

    /** The grouping labels of every group the Pushgateway holds ({@code GET /api/v1/metrics}). */
    private List<Map<String, String>> groups() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        String base = url.toString().endsWith("/") ? url.toString() : url + "/";
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "api/v1/metrics")).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET api/v1/metrics answered " + response.statusCode());
            }
            List<Map<String, String>> groups = new ArrayList<>();
            for (JsonNode group : new ObjectMapper()
                    .readTree(response.body()).path("data")) {
                Map<String, String> labels = new LinkedHashMap<>();
                group.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                groups.add(labels);
            }
            return groups;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing Pushgateway groups", e);
        }
    }

    private static final class PushFailed extends RuntimeException {
        PushFailed(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
