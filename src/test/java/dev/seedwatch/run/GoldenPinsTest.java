package dev.seedwatch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.analysis.Golden;
import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.state.GoldenStore;
import dev.seedwatch.suite.AnswerRule;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;

/** baseline pin / show / unpin on real report files written by ReportWriter. */
class GoldenPinsTest {

    static final Target TARGET = Build.target("t1").build();
    static final PlannedRequest FULL = PlannedRequest.of(TARGET,
            Build.prompt("full").answer(AnswerRule.regex("Label: (\\w+)")).replays(2).build());
    static final PlannedRequest FLAKY = PlannedRequest.of(TARGET, Build.prompt("flaky").replays(2).build());

    @TempDir
    Path root;

    RunSettings settings(Shard shard) {
        Path stateDir = shard.sharded() ? root.resolve("shard-" + shard.index()) : root;
        return new RunSettings(root.resolve("suite.yaml"), stateDir, root, shard, Selection.ALL, null, null,
                new RunSettings.Verdict(0, false),
                new RunSettings.Outputs(stateDir.resolve("metrics.prom"), Optional.empty(),
                        new RunSettings.History(100, Long.MAX_VALUE, false, false), Optional.empty(), Optional.empty()),
                new RunSettings.Detection(3, 0.5, 0.01));
    }

    /** Writes the report of a run that started at {@code minute} past 03:00, with {@code flaky} failing or not. */
    String report(int minute, String label, boolean flakyFails, boolean interrupted, Shard shard) throws IOException {
        return report(minute, label, flakyFails, interrupted, shard, false);
    }

    String report(int minute, String label, boolean flakyFails, boolean interrupted, Shard shard, boolean compress)
            throws IOException {
        List<ReplayOutcome> outcomes = new ArrayList<>();
        outcomes.add(Build.reply(FULL, 0, "Label: " + label).build());
        outcomes.add(Build.reply(FULL, 1, "Label: " + label).build());
        outcomes.add(Build.reply(FLAKY, 0, "text").build());
        outcomes.add(flakyFails ? Build.failed(FLAKY, 1, 3, FailureReason.TIMEOUT, null, "timeout")
                : Build.reply(FLAKY, 1, "text").build());
        Instant started = Instant.parse("2025-01-02T03:00:00Z").plusSeconds(60L * minute);
        RunAnalyzer.RunInfo run = Build.runInfo("nightly", shard, started);
        RunResult result = Build.analyze(new RunAnalyzer.RunInfo(run.runId(), run.suite(), shard, started,
                run.finishedAt(), interrupted), List.of(FULL, FLAKY), outcomes);
        new ReportWriter(root, 100, Long.MAX_VALUE, compress).write(result, Build.report(result));
        return run.runId();
    }

    @Test
    void pinsTheNewestCompleteRunByDefault() throws Exception {
        report(0, "old", false, false, Shard.ALL);
        String newest = report(1, "new", false, false, Shard.ALL);
        report(2, "interrupted", false, true, Shard.ALL);

        GoldenPins.Pinned pinned = GoldenPins.pin(settings(Shard.ALL), "nightly", null, Instant.EPOCH);

        assertThat(pinned.golden().runId()).isEqualTo(newest);
        assertThat(pinned.pinned()).containsExactly("t1/full", "t1/flaky");
        Golden stored = GoldenPins.show(settings(Shard.ALL)).orElseThrow();
        assertThat(stored).isEqualTo(pinned.golden());
        assertThat(stored.prompt("t1", "full").answer()).isEqualTo("new");
        assertThat(stored.prompt("t1", "full").answerRule()).isEqualTo("regex:Label: (\\w+)");
        assertThat(stored.prompt("t1", "full").requestHash()).isEqualTo(FULL.bodyHash());
        assertThat(stored.prompt("t1", "flaky").answerRule()).isNull();
        assertThat(stored.targets().get("t1").fingerprints()).containsExactly("fp_a");
        assertThat(stored.ranAt()).isEqualTo(Instant.parse("2025-01-02T03:01:30Z"));
    }

    @Test
    void pinsACompressedReportByDefaultAndByName() throws Exception {
        String older = report(0, "older", false, false, Shard.ALL, true);
        String newest = report(1, "newest", false, false, Shard.ALL, true);

        assertThat(GoldenPins.pin(settings(Shard.ALL), "nightly", null, Instant.EPOCH).golden().runId())
                .isEqualTo(newest);
        GoldenPins.Pinned named = GoldenPins.pin(settings(Shard.ALL), "nightly", older, Instant.EPOCH);

        assertThat(named.report().getFileName()).hasToString(older + ".json.gz");
        assertThat(named.golden().prompt("t1", "full").answer()).isEqualTo("older");
        assertThat(named.golden().prompt("t1", "full").text()).isEqualTo("Label: older");
    }

    @Test
    void pinsTheNewestCompleteRunWhateverFormEachReportHas() throws Exception {
        report(0, "plain", false, false, Shard.ALL, false);
        String newest = report(1, "compressed", false, false, Shard.ALL, true);
        report(2, "interrupted", false, true, Shard.ALL, false);

        assertThat(GoldenPins.pin(settings(Shard.ALL), "nightly", null, Instant.EPOCH).golden().runId())
                .isEqualTo(newest);
    }

    @Test
    void pinsAReportWrittenBeforeVersion2() throws Exception {
        Build.storyRunV1(root.resolve("runs"));

        GoldenPins.Pinned pinned = GoldenPins.pin(settings(Shard.ALL), "nightly", null, Instant.EPOCH);

        assertThat(pinned.golden().runId()).isEqualTo(Build.STORY_RUN);
        assertThat(pinned.pinned()).containsExactly("t1/full");
        assertThat(pinned.skipped()).containsExactly("t1/split: 4 of 5 replays succeeded");
        assertThat(pinned.golden().prompt("t1", "full").text()).isEqualTo("Label: golden");
        assertThat(pinned.golden().prompt("t1", "full").answer()).isEqualTo("golden");
        assertThat(pinned.golden().targets().get("t1").fingerprints()).containsExactly("fp_a");
    }

    @Test
    void pinsANamedRun() throws Exception {
        String first = report(0, "first", false, false, Shard.ALL);
        report(1, "second", false, false, Shard.ALL);

        GoldenPins.pin(settings(Shard.ALL), "nightly", first, Instant.EPOCH);

        assertThat(GoldenPins.show(settings(Shard.ALL)).orElseThrow().prompt("t1", "full").answer())
                .isEqualTo("first");
    }

    @Test
    void pinsOnlyTheFullyMeasuredPromptsOfARunWithFailuresAndSaysWhich() throws Exception {
        report(0, "x", true, false, Shard.ALL);

        GoldenPins.Pinned pinned = GoldenPins.pin(settings(Shard.ALL), "nightly", null, Instant.EPOCH);

        assertThat(pinned.pinned()).containsExactly("t1/full");
        assertThat(pinned.skipped()).containsExactly("t1/flaky: 1 of 2 replays succeeded");
        assertThat(pinned.golden().prompt("t1", "flaky")).isNull();
    }

    @Test
    void unknownRunOrNoCompleteRunPinsNothingAndKeepsTheOldGolden() throws Exception {
        report(0, "kept", false, false, Shard.ALL);
        GoldenPins.pin(settings(Shard.ALL), "nightly", null, Instant.EPOCH);
        byte[] before = Files.readAllBytes(root.resolve(GoldenStore.FILE));

        assertThatThrownBy(() -> GoldenPins.pin(settings(Shard.ALL), "nightly", "20990101T000000.000Z-nightly",
                Instant.EPOCH)).isInstanceOf(GoldenPins.PinException.class).hasMessageContaining("no report of run");
        assertThatThrownBy(() -> GoldenPins.pin(settings(Shard.ALL), "other", null, Instant.EPOCH))
                .isInstanceOf(GoldenPins.PinException.class).hasMessageContaining("no complete run of suite other");
        assertThat(Files.readAllBytes(root.resolve(GoldenStore.FILE))).isEqualTo(before);
    }

    @Test
    void aShardPinsItsOwnRunsInItsOwnStateDir() throws Exception {
        Shard one = Shard.parse("1/2");
        report(0, "unsharded", false, false, Shard.ALL);
        String shardRun = report(1, "shard", false, false, one);
        report(2, "other-shard", false, false, Shard.parse("0/2"));

        GoldenPins.pin(settings(one), "nightly", null, Instant.EPOCH);

        assertThat(GoldenPins.show(settings(one)).orElseThrow().runId()).isEqualTo(shardRun);
        assertThat(Files.exists(root.resolve("shard-1").resolve(GoldenStore.FILE))).isTrue();
        assertThat(GoldenPins.show(settings(Shard.ALL))).isEmpty();
    }

    @Test
    void goldenSurvivesReportPruning() throws Exception {
        String pinnedRun = report(0, "validated", false, false, Shard.ALL);
        GoldenPins.pin(settings(Shard.ALL), "nightly", null, Instant.EPOCH);
        Files.delete(root.resolve("runs").resolve(pinnedRun + ".json"));

        assertThat(GoldenPins.show(settings(Shard.ALL)).orElseThrow().prompt("t1", "full").answer())
                .isEqualTo("validated");
    }

    @Test
    void unpinRemovesTheGolden() throws Exception {
        report(0, "x", false, false, Shard.ALL);
        GoldenPins.pin(settings(Shard.ALL), "nightly", null, Instant.EPOCH);

        assertThat(GoldenPins.unpin(settings(Shard.ALL))).isTrue();
        assertThat(GoldenPins.show(settings(Shard.ALL))).isEmpty();
        assertThat(GoldenPins.unpin(settings(Shard.ALL))).isFalse();
    }
}
