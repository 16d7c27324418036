package dev.seedwatch.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The types seedwatch writes and reads with Jackson outside a REST client signature (the run report and
 * {@code state.json}): a native executable only keeps reflective access to them when registered. The JVM ignores
 * this. {@code JsonReflectionTest} fails when a type reachable from {@code RunReport} or {@code State} is missing.
 */
@RegisterForReflection(targets = {
        dev.seedwatch.report.RunReport.class,
        dev.seedwatch.report.Timings.class,
        dev.seedwatch.state.State.class,
        dev.seedwatch.state.Baseline.class,
        dev.seedwatch.state.BackendRecord.class,
        dev.seedwatch.state.TokenTotals.class,
        dev.seedwatch.analysis.PromptFigures.class,
        dev.seedwatch.analysis.PromptResult.class,
        dev.seedwatch.analysis.TargetFigures.class,
        dev.seedwatch.analysis.TargetResult.class,
        dev.seedwatch.analysis.BaselineStatus.class,
        dev.seedwatch.replay.ReplayOutcome.class,
        dev.seedwatch.replay.Fingerprint.class,
        dev.seedwatch.replay.Fingerprint.Presence.class,
        dev.seedwatch.replay.FailureReason.class,
        dev.seedwatch.suite.Expectation.class,
})
public final class JsonReflection {

    private JsonReflection() {
    }
}
