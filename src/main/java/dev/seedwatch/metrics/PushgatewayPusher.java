package dev.seedwatch.metrics;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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

    private static final class PushFailed extends RuntimeException {
        PushFailed(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
