package dev.seedwatch.serve;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

import dev.seedwatch.export.RunMetrics;

/**
 * What {@code /q/metrics} shows in serve mode: the last run's metrics, swapped whole after each run so that nothing
 * of an earlier run lingers (as a Pushgateway group is replaced by a PUT); empty before the first run.
 */
@ApplicationScoped
public class LatestRunMetrics {

    private final AtomicReference<String> latest = new AtomicReference<>("");

    void routes(@Observes Router router) {
        router.get("/q/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(latest.get()));
    }

    public void publish(RunMetrics metrics) {
        latest.set(metrics.text());
    }
}
