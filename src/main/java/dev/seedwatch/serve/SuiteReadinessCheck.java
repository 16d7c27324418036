package dev.seedwatch.serve;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: up once the suite is loaded and valid, down while it is not. */
@Readiness
@ApplicationScoped
public class SuiteReadinessCheck implements HealthCheck {

    @Inject
    ServeState state;

    @Override
    public HealthCheckResponse call() {
        List<String> problems = state.problems();
        var builder = HealthCheckResponse.named("suite").status(problems.isEmpty());
        if (!problems.isEmpty()) {
            builder.withData("problems", String.join("; ", problems));
        }
        return builder.build();
    }
}
