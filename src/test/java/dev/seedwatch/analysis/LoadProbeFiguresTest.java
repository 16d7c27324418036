package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;
import dev.seedwatch.testing.Build;

/**
 * The figures of a {@code load-probe} prompt for every combination of phase outcomes: isolated agreeing or split,
 * burst agreeing or split, and either phase short of two successful replays. A null text is a failed replay.
 */
class LoadProbeFiguresTest {

    static final PlannedRequest PROBE = PlannedRequest.of(Build.target("t1").build(),
            Build.prompt("p").replays(3).loadProbe(true).build());

    final RunAnalyzer analyzer = new RunAnalyzer(new RunAnalyzerTest.FakeEmbedder(), 3);

    List<ReplayOutcome> phases(List<String> isolated, List<String> burst) {
        List<ReplayOutcome> out = new ArrayList<>();
        for (int i = 0; i < isolated.size(); i++) {
            out.add(outcome(i, isolated.get(i), ReplayPhase.ISOLATED));
        }
        for (int i = 0; i < burst.size(); i++) {
            out.add(outcome(i, burst.get(i), ReplayPhase.BURST));
        }
        return out;
    }

    static ReplayOutcome outcome(int index, String text, ReplayPhase phase) {
        return text == null ? Build.failed(PROBE, index, 3, FailureReason.SERVER_ERROR, 500, "boom").in(phase)
                : Build.reply(PROBE, index, text).phase(phase).build();
    }

    PromptFigures figures(List<String> isolated, List<String> burst, State previous) {
        return analyzer.analyze(RunAnalyzerTest.info(), List.of(PROBE), phases(isolated, burst), previous).prompts()
                .get(0).figures();
    }

    PromptFigures figures(List<String> isolated, List<String> burst) {
        return figures(isolated, burst, State.empty());
    }

    static List<String> texts(String... t) {
        return Arrays.asList(t);
    }

    @Test
    void isolatedAgreeBurstSplitIsLoadSensitive() {
        PromptFigures f = figures(texts("alpha", "alpha", "alpha"), texts("alpha", "beta", "alpha"));

        assertThat(f.loadProbe()).isEqualTo(new LoadProbeFigures(1, 1.0, Optional.of(true), 1));
        // the regular figures are the burst's; seedwatch_replays counts both phases
        assertThat(f.agreement().uniqueCompletions()).isEqualTo(2);
        assertThat(f.agreement().exactMatchRatio()).isEqualTo(2 / 3.0);
        assertThat(f.counts().planned()).isEqualTo(6);
        assertThat(f.counts().succeeded()).isEqualTo(6);
        assertThat(f.counts().complete()).isTrue();
        assertThat(f.agreement().agreeing()).isFalse();
    }

    @Test
    void bothAgreeingIsNotLoadSensitive() {
        PromptFigures f = figures(texts("alpha", "alpha", "alpha"), texts("alpha", "alpha", "alpha"));

        assertThat(f.loadProbe()).isEqualTo(new LoadProbeFigures(1, 1.0, Optional.of(false), 0));
        assertThat(f.agreement().agreeing()).isTrue();
    }

    @Test
    void bothSplitIsNotLoadSensitive() {
        PromptFigures f = figures(texts("alpha", "beta", "beta"), texts("alpha", "beta", "gamma"));

        assertThat(f.loadProbe()).isEqualTo(new LoadProbeFigures(2, 2 / 3.0, Optional.of(false), 0));
    }

    @Test
    void isolatedSplitBurstAgreeingIsNotLoadSensitive() {
        PromptFigures f = figures(texts("alpha", "beta", "alpha"), texts("alpha", "alpha", "alpha"));

        assertThat(f.loadProbe()).isEqualTo(new LoadProbeFigures(2, 2 / 3.0, Optional.of(false), 0));
    }

    @Test
    void failedIsolatedReplaysLeavingOneSuccessMakeItUndefined() {
        PromptFigures f = figures(texts("alpha", null, null), texts("alpha", "beta", "alpha"));

        assertThat(f.loadProbe()).isEqualTo(new LoadProbeFigures(1, 1.0, Optional.empty(), null));
        assertThat(f.counts().planned()).isEqualTo(6);
        assertThat(f.counts().succeeded()).isEqualTo(4);
        assertThat(f.counts().failures()).isEqualTo(Map.of("server_error", 2));
        assertThat(f.counts().complete()).isFalse();
        // the burst still has its figures
        assertThat(f.agreement().uniqueCompletions()).isEqualTo(2);
    }

    @Test
    void failedIsolatedReplaysLeavingTwoAgreeingStillCount() {
        PromptFigures f = figures(texts("alpha", null, "alpha"), texts("alpha", "beta", "alpha"));

        assertThat(f.loadProbe()).isEqualTo(new LoadProbeFigures(1, 1.0, Optional.of(true), 1));
        assertThat(f.counts().complete()).isFalse();
    }

    @Test
    void failedBurstReplaysLeavingOneSuccessMakeItUndefined() {
        PromptFigures f = figures(texts("alpha", "alpha", "alpha"), texts(null, "beta", null));

        assertThat(f.loadProbe()).isEqualTo(new LoadProbeFigures(1, 1.0, Optional.empty(), null));
        assertThat(f.agreement().uniqueCompletions()).isEqualTo(1);
    }

    @Test
    void allIsolatedFailedLeavesOnlyTheBurst() {
        PromptFigures f = figures(texts(null, null, null), texts("alpha", "beta", "alpha"));

        assertThat(f.loadProbe()).isEqualTo(new LoadProbeFigures(null, null, Optional.empty(), null));
        assertThat(f.counts().failures()).isEqualTo(Map.of("server_error", 3));
    }

    @Test
    void aPromptThatIsNoProbeHasNoProbeFigures() {
        PlannedRequest plain = PlannedRequest.of(Build.target("t1").build(), Build.prompt("q").replays(2).build());
        PromptFigures f = analyzer.analyze(RunAnalyzerTest.info(), List.of(plain),
                List.of(Build.reply(plain, 0, "alpha").build(), Build.reply(plain, 1, "alpha").build()),
                State.empty()).prompts().get(0).figures();

        assertThat(f.loadProbe()).isNull();
        assertThat(f.tokens()).isNull();
        assertThat(f.counts().planned()).isEqualTo(2);
    }

    @Test
    void consecutiveLoadSensitiveRunsAreCountedAcrossRuns() {
        List<String> agree = texts("alpha", "alpha", "alpha");
        List<String> split = texts("alpha", "beta", "alpha");
        State afterOne = next(State.empty(), agree, split);
        assertThat(afterOne.prompt(PROBE.key()).loadSensitiveRuns()).hasValue(1);
        State afterTwo = next(afterOne, agree, split);
        assertThat(afterTwo.prompt(PROBE.key()).loadSensitiveRuns()).hasValue(2);
        assertThat(figures(agree, split, afterTwo).loadProbe().loadSensitiveRuns()).isEqualTo(3);

        // a run that cannot tell keeps the count; one that is not load sensitive resets it
        State afterUndefined = next(afterTwo, texts("alpha", null, null), split);
        assertThat(afterUndefined.prompt(PROBE.key()).loadSensitiveRuns()).hasValue(2);
        assertThat(next(afterUndefined, agree, agree).prompt(PROBE.key()).loadSensitiveRuns()).hasValue(0);
    }

    /** The state a run with these phase outcomes leaves after {@code previous}. */
    State next(State previous, List<String> isolated, List<String> burst) {
        RunResult run = analyzer.analyze(RunAnalyzerTest.info(), List.of(PROBE), phases(isolated, burst), previous);
        return StateUpdate.next(previous, run, true);
    }
}
