package dev.seedwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.seedwatch.analysis.Baseline;
import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.State;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.BuildState;

/** A report read back is the report written, whichever form and version it has on disk. */
class ReportReaderTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void aWrittenReportReadsBackAsTheSameRecord(boolean compress) throws Exception {
        RunResult run = Build.storyRun();
        RunReport written = Build.report(run);

        Path file = new ReportWriter(root, 100, Long.MAX_VALUE, compress).write(run, written);

        assertThat(file.getFileName().toString()).endsWith(compress ? ".json.gz" : ".json");
        assertThat(ReportReader.read(file)).isEqualTo(written);
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void aShardedRunWithFailuresAndSeveralFingerprintsReadsBackAsWritten(boolean compress) throws Exception {
        PlannedRequest request = PlannedRequest.of(Build.target("t").build(), Build.prompt("p").replays(4).build());
        RunResult run = Build.analyze(Build.runInfo("s", new Shard(1, 3), RunReportTest.STARTED), List.of(request),
                List.of(Build.reply(request, 0, "a").fingerprint(Fingerprint.of("fp_1")).servedModel("m-1")
                        .usage(7L, 11L).latency(0.25).build(),
                        Build.reply(request, 1, "b").fingerprint(Fingerprint.of("fp_2")).servedModel("m-1").build(),
                        Build.failed(request, 2, 3, FailureReason.TIMEOUT, null, "timed out"),
                        Build.failed(request, 3, 1, FailureReason.CLIENT_ERROR, 400, "bad request")));
        RunReport written = Build.report(run);

        Path file = new ReportWriter(root, 100, Long.MAX_VALUE, compress).write(run, written);

        assertThat(ReportReader.read(file)).isEqualTo(written);
    }

    @Test
    void aRunWithBaselinesLoadProbesTokenWindowsAndAbsentFingerprintsReadsBackAsWritten() throws Exception {
        Target a = Build.target("a").build();
        Target b = Build.target("b").logprobs(2).build();
        PlannedRequest kept = PlannedRequest.of(a, Build.prompt("kept").replays(2).build());
        PlannedRequest probe = PlannedRequest.of(a, Build.prompt("probe").replays(2).loadProbe(true).build());
        PlannedRequest once = PlannedRequest.of(b, Build.prompt("once").replays(3).build());
        List<ReplayOutcome> outcomes = new ArrayList<>(List.of(Build.reply(kept, 0, "same").latency(0.5).build(),
                Build.reply(kept, 1, "same").latency(0.7).build(),
                Build.reply(probe, 0, "calm").phase(ReplayPhase.ISOLATED).build(),
                Build.reply(probe, 1, "calm").phase(ReplayPhase.ISOLATED).build(),
                Build.reply(probe, 0, "calm").phase(ReplayPhase.BURST).build(),
                Build.reply(probe, 1, "busy").phase(ReplayPhase.BURST).fingerprint(Fingerprint.MISSING).build()));
        List<ReplayOutcome> onceReplies = Build.onceReplies(once, -0.1);
        outcomes.add(onceReplies.get(0));
        outcomes.add(onceReplies.get(1).in(null));
        outcomes.add(new ReplayOutcome("b", "once", 2, "Once", "length", Fingerprint.NULL, "m-2", 3L, 1L, 0.1, 2,
                null, 200, null, onceReplies.get(2).tokens(), null));
        State previous = BuildState.state().baseline("a", "kept", new Baseline(kept.bodyHash(), "length", "same",
                "20260228T100000.000Z-s", RunReportTest.STARTED.minusSeconds(86400))).baseline("a", "probe",
                        new Baseline(probe.bodyHash(), "other-model", "gone", "20260228T100000.000Z-s",
                                RunReportTest.STARTED.minusSeconds(86400)))
                .build();
        RunResult run = new RunAnalyzer(Build.LENGTH_EMBEDDER, 3).analyze(
                Build.runInfo("s", Shard.ALL, RunReportTest.STARTED), List.of(kept, probe, once), outcomes, previous);
        RunReport written = Build.report(run);

        Path file = new ReportWriter(root, 100, Long.MAX_VALUE, false).write(run, written);

        // a replay's tokens are never written: the token figures keep the windows around the divergence
        assertThat(ReportReader.read(file)).usingRecursiveComparison()
                .ignoringFields("prompts.result.replays.tokens", "prompts.replays.outcome.tokens").isEqualTo(written);
        assertThat(written.prompts().get(0).result().baseline().text()).isEqualTo("same");
    }

    @Test
    void aVersion3ReportReadsAsTheRecordItWasWrittenFrom() throws Exception {
        Path v3 = Build.storyRunReport(root.resolve("runs"), 3);

        RunReport read = ReportReader.read(v3);

        assertThat(read.reportVersion()).isEqualTo(3);
        assertThat(read).usingRecursiveComparison().ignoringFields("reportVersion")
                .isEqualTo(Build.report(Build.storyRun()));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2 })
    void anOlderVersionReadsAsTheCurrentOneWithItsOwnNumber(int version) throws Exception {
        Path old = Build.storyRunReport(root.resolve("runs"), version);

        RunReport read = ReportReader.read(old);

        assertThat(read.reportVersion()).isEqualTo(version);
        // the version 1 file was written with another embedder and timings, before behaviourChangeShare was reported
        assertThat(read).usingRecursiveComparison()
                .ignoringFields("reportVersion", "embeddingModel", "timings", "targets.figures.behaviour.changeShare")
                .isEqualTo(Build.report(Build.storyRun()));
    }

    @Test
    void aFileThatIsNoReportIsUnreadable() throws Exception {
        Path garbage = root.resolve("20250102T030000.000Z-nightly.json");
        Files.writeString(garbage, "{\"runId\": \"x\", \"reportVersion\": 3, \"targets\": 7}");

        assertThatThrownBy(() -> ReportReader.read(garbage)).isInstanceOf(ReportFiles.UnreadableReport.class)
                .hasMessageContaining("not a seedwatch report");
    }
}
