package dev.seedwatch.state;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The records seedwatch writes and reads with Jackson outside of REST endpoints: a native image only keeps their
 * accessors and constructors when they are registered.
 */
@RegisterForReflection(targets = {
        State.class, Baseline.class, BackendRecord.class, TokenTotals.class,
        dev.seedwatch.report.RunReport.class, dev.seedwatch.report.Timings.class,
        dev.seedwatch.analysis.TargetResult.class, dev.seedwatch.analysis.TargetFigures.class,
        dev.seedwatch.analysis.PromptResult.class, dev.seedwatch.analysis.PromptFigures.class,
        dev.seedwatch.analysis.BaselineStatus.class,
        dev.seedwatch.replay.ReplayOutcome.class, dev.seedwatch.replay.Fingerprint.class,
        dev.seedwatch.replay.Fingerprint.Presence.class, dev.seedwatch.replay.FailureReason.class,
        dev.seedwatch.suite.Expectation.class })
final class JsonTypes {

    private JsonTypes() {
    }
}
