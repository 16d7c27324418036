package dev.seedwatch.serve;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.quarkus.runtime.StartupEvent;

import dev.seedwatch.export.RunMetrics;

/**
 * What {@code /q/metrics} shows in serve mode: the last run's registry, swapped whole after each run so that
 * nothing of an earlier run lingers (as a Pushgateway group is replaced by a PUT).
 */
@ApplicationScoped
public class LatestRunMetrics {

    private final AtomicReference<RunMetrics> latest = new AtomicReference<>();

    void register(@Observes StartupEvent event, Instance<PrometheusMeterRegistry> registry) {
        if (registry.isResolvable()) {
            new Collector() {
                @Override
                public List<MetricFamilySamples> collect() {
                    RunMetrics metrics = latest.get();
                    return metrics == null ? List.of()
                            : Collections.list(metrics.registry().metricFamilySamples());
                }
            }.register(registry.get().getPrometheusRegistry());
        }
    }

    public void publish(RunMetrics metrics) {
        latest.set(metrics);
    }
}
