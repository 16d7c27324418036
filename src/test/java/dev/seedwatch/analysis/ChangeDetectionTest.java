package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedwatch.analysis.change.ChangeTest;
import dev.seedwatch.analysis.change.TestResult;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Probe;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;

/**
 * Probes through the analysis: out of the determinism figures, the first complete run becomes the reference, later
 * runs are tested against it and the evidence carried until a change is detected.
 */
class ChangeDetectionTest {

    static final Target TARGET = Build.target("t1").build();
    static final PlannedRequest PLAIN = PlannedRequest.of(TARGET, Build.prompt("plain").replays(2).build());
    static final PlannedRequest FIRST = PlannedRequest.of(TARGET,
            Build.prompt("first-token").probe(Probe.LOGPROBS).maxTokens(1).replays(16).build());
    static final PlannedRequest STORY = PlannedRequest.of(TARGET,
            Build.prompt("story").probe(Probe.SAMPLE).temperature(1.0).replays(16).build());
    static final List<PlannedRequest> PLAN = List.of(PLAIN, FIRST, STORY);
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** A run whose logprobs probe puts "Once" at {@code once} (± jitter) and whose samples are {@code stories}. */
    static RunResult run(int day, double once, List<String> stories, int failedSamples) {
        List<ReplayOutcome> outcomes = new ArrayList<>();
        outcomes.add(Build.reply(PLAIN, 0, "same").build());
        outcomes.add(Build.reply(PLAIN, 1, "same").build());
        outcomes.addAll(Build.onceReplies(FIRST, once));
        for (int i = 0; i < STORY.replays(); i++) {
            outcomes.add(i < failedSamples ? Build.failed(STORY, i, 5, FailureReason.SERVER_ERROR, 500, "overloaded")
                    : Build.reply(STORY, i, stories.get(i % stories.size())).build());
        }
        return Build.analyze(Build.runInfo("nightly", Shard.ALL, START.plusSeconds(86_400L * day)), PLAN, outcomes);
    }

    static final List<String> CALM = List.of("a fox ran", "the cat sat on it", "rain", "boats drift far away");
    static final List<String> WILD = List.of("QUANTUM!!", "zebras argue about taxes now", "42", "kettles");

    @Test
    void probesStayOutOfTheDeterminismFiguresAndKeepTheirReplies() {
        RunResult run = run(0, -0.03, CALM, 0);

        assertThat(run.targets().get(0).figures().agreement().measured()).isEqualTo(1);
        assertThat(run.targets().get(0).figures().agreement().ratio()).isEqualTo(1.0);
        PromptResult story = run.prompts().get(2);
        assertThat(story.probe()).isEqualTo(Probe.SAMPLE);
        assertThat(story.figures().drift().completionChanged()).isEmpty();
        assertThat(story.golden().status()).isEqualTo(GoldenStatus.PROBE);
        assertThat(run.probes()).extracting(ProbeReplies::probe).containsExactly("first-token", "story");
        ProbeReplies samples = run.probes().get(1);
        assertThat(samples.texts()).hasSize(16).containsAll(CALM);
        assertThat(samples.embeddings()).hasSize(16);
        assertThat(run.probes().get(0).logprobs()).hasSize(16)
                .allSatisfy(t -> assertThat(t.byToken()).containsOnlyKeys("Once", " There"));
    }

    @Test
    void theFirstRunWhoseProbesAllSucceededBecomesTheReference() {
        ChangeDetection.Step incomplete = ChangeDetection.of(run(0, -0.03, CALM, 1), ChangeState.empty(), 0.01);
        ChangeFigures none = incomplete.result().targets().get(0).change();
        assertThat(none.hasReference()).isFalse();
        assertThat(incomplete.next().references()).isEmpty();

        RunResult complete = run(1, -0.03, CALM, 0);
        ChangeDetection.Step set = ChangeDetection.of(complete, incomplete.next(), 0.01);
        ChangeFigures figures = set.result().targets().get(0).change();
        assertThat(figures.referenceSetNow()).isTrue();
        assertThat(figures.referenceRunId()).isEqualTo(complete.runId());
        assertThat(figures.referenceRanAt()).isEqualTo(complete.finishedAt());
        assertThat(figures.tests()).isEmpty();
        assertThat(figures.detected()).isFalse();
        assertThat(set.next().reference("t1").probes()).containsOnlyKeys("first-token", "story");
    }

    @Test
    void aSteadyRunIsNotDetectedAndAMovedOneIs() {
        ChangeState state = ChangeDetection.of(run(0, -0.03, CALM, 0), ChangeState.empty(), 0.01).next();

        ChangeDetection.Step steady = ChangeDetection.of(run(1, -0.03, CALM, 0), state, 0.01);
        ChangeFigures same = steady.result().targets().get(0).change();
        assertThat(same.tests()).extracting(TestResult::test)
                .containsExactly(ChangeTest.LOGPROBS, ChangeTest.MMD, ChangeTest.ENERGY);
        assertThat(same.detected()).isFalse();
        assertThat(same.evidence().runs()).isEqualTo(1);
        assertThat(same.tests().get(1).probePValues()).containsOnlyKeys("story");

        // the evidence only grows: runs that moved are detected within a few, and then stay detected
        ChangeState state2 = steady.next();
        List<ChangeFigures> movedRuns = new ArrayList<>();
        ChangeDetection.Step moved = null;
        for (int day = 2; day < 6; day++) {
            moved = ChangeDetection.of(run(day, -0.3, WILD, 0), state2, 0.01);
            state2 = moved.next();
            movedRuns.add(moved.result().targets().get(0).change());
        }
        assertThat(movedRuns).extracting(f -> f.evidence().value()).isSorted();
        assertThat(movedRuns.get(movedRuns.size() - 1).detected()).as(movedRuns.toString()).isTrue();
        ChangeFigures changed = movedRuns.get(movedRuns.size() - 1);
        assertThat(changed.evidence().value()).isGreaterThanOrEqualTo(100);
        assertThat(changed.evidence().runs()).isEqualTo(5);
        assertThat(changed.referenceRunId()).isEqualTo(same.referenceRunId());
        assertThat(changed.tokenShifts().get("first-token")).first()
                .satisfies(shift -> assertThat(shift.token()).isEqualTo("Once"));
        assertThat(moved.next().reference("t1").evidence()).isEqualTo(changed.evidence());
    }

    @Test
    void theSameRunAlwaysDrawsTheSamePermutations() {
        ChangeState state = ChangeDetection.of(run(0, -0.03, CALM, 0), ChangeState.empty(), 0.01).next();
        RunResult later = run(1, -0.031, List.of("a fox ran", "rain", "rain", "the cat sat"), 0);

        assertThat(ChangeDetection.of(later, state, 0.01).result().targets().get(0).change().tests())
                .isEqualTo(ChangeDetection.of(later, state, 0.01).result().targets().get(0).change().tests());
    }

    @Test
    void aProbeWhoseRequestChangedIsLeftOutUntilTheNextReference() {
        ChangeState state = ChangeDetection.of(run(0, -0.03, CALM, 0), ChangeState.empty(), 0.01).next();
        ChangeState.Reference ref = state.reference("t1");
        Map<String, ChangeState.Sample> probes = new LinkedHashMap<>(ref.probes());
        ChangeState.Sample story = probes.get("story");
        probes.put("story", new ChangeState.Sample(story.kind(), "sha256:other", story.logprobs(), story.texts(),
                story.embeddings()));
        ChangeState edited = new ChangeState(ChangeState.VERSION, Map.of("t1", new ChangeState.Reference(ref.runId(),
                ref.ranAt(), false, ref.embeddingModel(), probes, ref.evidence())), state.latest());

        ChangeFigures figures = ChangeDetection.of(run(1, -0.03, CALM, 0), edited, 0.01).result().targets().get(0)
                .change();

        assertThat(figures.tests()).extracting(TestResult::test).containsExactly(ChangeTest.LOGPROBS);
        assertThat(figures.leftOut()).containsOnlyKeys("story");
        assertThat(figures.leftOut().get("story")).contains("request changed");
    }

    @Test
    void pinningMakesTheNewestCompleteRunTheReferenceAndUnpinningResetsIt() {
        RunResult first = run(0, -0.03, CALM, 0);
        RunResult second = run(1, -0.03, CALM, 0);
        ChangeState state = ChangeDetection.of(first, ChangeState.empty(), 0.01).next();
        state = ChangeDetection.of(second, state, 0.01).next();

        ChangeState pinned = state.pin(second.runId());
        assertThat(pinned.reference("t1").runId()).isEqualTo(second.runId());
        assertThat(pinned.reference("t1").pinned()).isTrue();
        assertThat(pinned.reference("t1").evidence().runs()).isZero();
        assertThat(state.pin(first.runId()).references()).as("only the newest complete run's replies are kept")
                .isEmpty();
        assertThat(pinned.reset().references()).isEmpty();
    }

    @Test
    void embeddingsSurviveTheirCompactForm() {
        float[] vector = { 0.25f, -1.5f, 3.0e-7f };

        assertThat(ChangeState.Sample.decode(ChangeState.Sample.encode(vector))).containsExactly(0.25, -1.5,
                (double) 3.0e-7f);
    }
}
