package dev.seedwatch.serve;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/live} and {@code /q/health/ready}: down once the next scheduled run is overdue (see
 * {@link Schedules#nextRunDueBy}), so that a pod whose runs stopped happening is restarted, not reported healthy.
 */
@Liveness
@Readiness
@ApplicationScoped
public class RunsHealthCheck implements HealthCheck {

    @Inject
    ServeState state;

    @Override
    public HealthCheckResponse call() {
        Optional<Instant> due = state.nextRunDueBy();
        var builder = HealthCheckResponse.named("runs").status(due.isEmpty() || !Instant.now().isAfter(due.get()));
        state.lastRunStart().ifPresent(t -> builder.withData("lastRunStart", t.toString()));
        due.ifPresent(t -> builder.withData("nextRunDueBy", t.toString()));
        return builder.build();
    }
}
