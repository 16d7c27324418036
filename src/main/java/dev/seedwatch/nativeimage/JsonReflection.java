package dev.seedwatch.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.seedwatch.analysis.AnswerBaseline;
import dev.seedwatch.analysis.AnswerFigures;
import dev.seedwatch.analysis.AnswerTargetFigures;
import dev.seedwatch.analysis.BackendRecord;
import dev.seedwatch.analysis.Baseline;
import dev.seedwatch.analysis.BaselineStatus;
import dev.seedwatch.analysis.ChangeFigures;
import dev.seedwatch.analysis.ChangeState;
import dev.seedwatch.analysis.Golden;
import dev.seedwatch.analysis.GoldenDrift;
import dev.seedwatch.analysis.GoldenFigures;
import dev.seedwatch.analysis.GoldenStatus;
import dev.seedwatch.analysis.GoldenTargetFigures;
import dev.seedwatch.analysis.LoadProbeFigures;
import dev.seedwatch.analysis.OneOrZero;
import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.RecentText;
import dev.seedwatch.analysis.TargetFigures;
import dev.seedwatch.analysis.TargetResult;
import dev.seedwatch.analysis.TokenFigures;
import dev.seedwatch.analysis.TokenTotals;
import dev.seedwatch.analysis.ValueCounts;
import dev.seedwatch.analysis.change.ChangeTest;
import dev.seedwatch.analysis.change.Evidence;
import dev.seedwatch.analysis.change.TestResult;
import dev.seedwatch.analysis.change.TokenShift;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.provider.TokenLogprob;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;
import dev.seedwatch.report.ReportPrompt;
import dev.seedwatch.report.ReportReplay;
import dev.seedwatch.report.ReportText;
import dev.seedwatch.report.RunReport;
import dev.seedwatch.report.Timings;
import dev.seedwatch.state.StateFile;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Probe;

/**
 * The types seedwatch writes and reads with Jackson (the run report,
 * {@code state.json} and {@code golden.json}): a native executable only keeps reflective access to them when registered. The JVM ignores
 * this. {@code JsonReflectionTest} fails when a type reachable from {@code RunReport}, {@code StateFile} or {@code Golden} is missing.
 */
@RegisterForReflection(targets = {
        RunReport.class,
        ReportPrompt.class,
        ReportText.class,
        ReportReplay.class,
        Timings.class,
        StateFile.class,
        Baseline.class,
        BackendRecord.class,
        RecentText.class,
        TokenTotals.class,
        PromptFigures.class,
        PromptFigures.Counts.class,
        PromptFigures.Agreement.class,
        PromptFigures.Distances.class,
        PromptFigures.Drift.class,
        PromptFigures.Flat.class,
        LoadProbeFigures.class,
        TokenFigures.class,
        TokenFigures.Window.class,
        TokenLogprob.class,
        ReplayPhase.class,
        PromptResult.class,
        TargetFigures.class,
        TargetFigures.Fingerprints.class,
        TargetFigures.ServedModels.class,
        TargetFigures.Agreement.class,
        TargetFigures.Tokens.class,
        TargetFigures.Behaviour.class,
        TargetFigures.Flat.class,
        TargetResult.class,
        BaselineStatus.class,
        ReplayOutcome.class,
        Fingerprint.class,
        Fingerprint.Presence.class,
        FailureReason.class,
        Expectation.class,
        AnswerFigures.class,
        AnswerBaseline.class,
        AnswerTargetFigures.class,
        GoldenFigures.class,
        GoldenStatus.class,
        GoldenTargetFigures.class,
        GoldenDrift.class,
        Golden.class,
        Golden.Target.class,
        Golden.Prompt.class,
        ValueCounts.Writer.class,
        ValueCounts.Reader.class,
        OneOrZero.Writer.class,
        OneOrZero.Reader.class,
        ChangeFigures.class,
        ChangeState.class,
        ChangeState.Reference.class,
        ChangeState.Sample.class,
        ChangeTest.class,
        Evidence.class,
        TestResult.class,
        TokenShift.class,
        Probe.class,
})
public final class JsonReflection {

    private JsonReflection() {
    }
}
