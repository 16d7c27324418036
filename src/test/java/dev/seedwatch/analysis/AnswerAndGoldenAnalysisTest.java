package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.AnswerRule;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.BuildState;

/** Answer and golden figures through RunAnalyzer and StateUpdate: baselines, resets, TARa@N, golden skips. */
class AnswerAndGoldenAnalysisTest {

    static final AnswerRule LABEL = AnswerRule.regex("Label: (\\w+)");
    static final Target TARGET = Build.target("t1").build();
    static final Instant GOLDEN_RAN = Instant.parse("2025-01-01T03:00:00Z");

    /** Texts starting with "A" point along x, "B" along y: d(A…, B…) = 1; equal texts need no embedding. */
    static final Embedder EMBEDDER = new Embedder() {
        @Override
        public String modelId() {
            return "fake";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> t.startsWith("A") ? new float[] { 1, 0 } : new float[] { 0, 1 }).toList();
        }
    };

    static PlannedRequest request(String id, AnswerRule rule, int replays) {
        return PlannedRequest.of(TARGET, Build.prompt(id).answer(rule).replays(replays).build());
    }

    static List<ReplayOutcome> replies(PlannedRequest r, String... texts) {
        List<ReplayOutcome> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(Build.reply(r, i, texts[i]).build());
        }
        return out;
    }

    static RunResult analyze(String runId, List<PlannedRequest> plan, List<ReplayOutcome> outcomes, State previous,
            Golden golden) {
        return new RunAnalyzer(EMBEDDER, 3).analyze(new RunAnalyzer.RunInfo(runId, "nightly", Shard.ALL,
                Instant.parse("2025-01-02T03:00:00Z"), Instant.parse("2025-01-02T03:01:00Z"), false), plan, outcomes,
                previous, golden);
    }

    static Golden golden(PlannedRequest r, String text, String answer) {
        return new Golden(Golden.VERSION, "run-g", "nightly", null, GOLDEN_RAN, GOLDEN_RAN.plusSeconds(60),
                Map.of("t1", new Golden.Target("gpt-4o-mini", List.of("fp_g"), List.of("served-g"))),
                Map.of("t1", Map.of(r.prompt().id(), new Golden.Prompt(r.bodyHash(), text,
                        answer == null ? null : LABEL.describe(), answer))));
    }

    @Test
    void textChangesButAnswerDoesNotThenAnswerChanges() {
        PlannedRequest r = request("p", LABEL, 2);
        RunResult first = analyze("run-1", List.of(r), replies(r, "A Label: yes", "A Label: yes"), State.empty(), null);
        State s1 = StateUpdate.next(State.empty(), first, true);

        RunResult second = analyze("run-2", List.of(r), replies(r, "B Label: yes", "B Label: yes"), s1, null);
        assertThat(second.prompts().get(0).figures().drift().completionChanged()).contains(true);
        assertThat(second.prompts().get(0).answers().answerChanged()).contains(false);
        State s2 = StateUpdate.next(s1, second, true);
        assertThat(s2.prompt(r.key()).answer()).hasValueSatisfying(a -> assertThat(a.runId()).isEqualTo("run-2"));

        RunResult third = analyze("run-3", List.of(r), replies(r, "B Label: no", "B Label: no"), s2, null);
        assertThat(third.prompts().get(0).answers().answerChanged()).contains(true);
    }

    @Test
    void answerBaselineResetsWhenTheRequestOrTheRuleChanges() {
        PlannedRequest r = request("p", LABEL, 2);
        State previous = BuildState.state().answer("t1", "p",
                new AnswerBaseline("sha256:old", LABEL.describe(), "no", "run-1", Instant.EPOCH)).build();
        RunResult changedRequest = analyze("run-2", List.of(r), replies(r, "Label: yes", "Label: yes"), previous,
                null);
        assertThat(changedRequest.prompts().get(0).answers().answerChanged()).isEmpty();
        assertThat(changedRequest.prompts().get(0).answerBaseline()).isNull();

        State sameRequestOtherRule = BuildState.state().answer("t1", "p",
                new AnswerBaseline(r.bodyHash(), "regex:other", "no", "run-1", Instant.EPOCH)).build();
        RunResult changedRule = analyze("run-2", List.of(r), replies(r, "Label: yes", "Label: yes"),
                sameRequestOtherRule, null);
        assertThat(changedRule.prompts().get(0).answers().answerChanged()).isEmpty();
    }

    @Test
    void promptWithAFailedReplayIsNotAnswerMeasuredAndKeepsItsAnswerBaseline() {
        PlannedRequest ok = request("ok", LABEL, 2);
        PlannedRequest flaky = request("flaky", LABEL, 2);
        PlannedRequest plain = request("plain", null, 2);
        List<ReplayOutcome> outcomes = new ArrayList<>();
        outcomes.addAll(replies(ok, "Label: yes", "Label: yes"));
        outcomes.add(Build.reply(flaky, 0, "Label: yes").build());
        outcomes.add(Build.failed(flaky, 1, 3, FailureReason.TIMEOUT, null, "timeout"));
        outcomes.addAll(replies(plain, "same", "same"));

        RunResult run = analyze("run-1", List.of(ok, flaky, plain), outcomes, State.empty(), null);

        TargetResult t = run.targets().get(0);
        assertThat(t.answers()).isEqualTo(new AnswerTargetFigures(1, 1, 1.0));
        assertThat(t.figures().agreement().measured()).isEqualTo(2);
        assertThat(run.prompts().get(1).answers().complete()).isFalse();
        assertThat(run.prompts().get(2).answers()).isNull();
        State next = StateUpdate.next(State.empty(), run, false);
        assertThat(next.prompt(BuildState.key("t1", "ok")).answer()).isPresent();
        assertThat(next.prompt(BuildState.key("t1", "flaky")).answer()).isEmpty();
    }

    @Test
    void tarAIsAgreeingOverMeasured() {
        PlannedRequest a = request("a", LABEL, 2);
        PlannedRequest b = request("b", LABEL, 2);
        PlannedRequest c = request("c", LABEL, 2);
        List<ReplayOutcome> outcomes = new ArrayList<>();
        outcomes.addAll(replies(a, "A Label: x", "B Label: x"));
        outcomes.addAll(replies(b, "Label: x", "Label: y"));
        outcomes.addAll(replies(c, "Label: x", "nothing"));

        AnswerTargetFigures f = analyze("run-1", List.of(a, b, c), outcomes, State.empty(), null).targets().get(0)
                .answers();

        assertThat(f).isEqualTo(new AnswerTargetFigures(3, 1, 1 / 3.0));
    }

    @Test
    void goldenFiguresAgainstThePinnedRun() {
        PlannedRequest r = request("p", LABEL, 2);
        Golden golden = golden(r, "A Label: yes", "yes");

        RunResult run = analyze("run-2", List.of(r), replies(r, "B Label: yes", "B Label: yes"), State.empty(),
                golden);

        GoldenFigures g = run.prompts().get(0).golden();
        assertThat(g.status()).isEqualTo(GoldenStatus.COMPARED);
        assertThat(g.goldenRunId()).isEqualTo("run-g");
        assertThat(g.distance()).isCloseTo(1.0, within(1e-9));
        assertThat(g.changed()).contains(true);
        assertThat(g.answerChanged()).contains(false);
        assertThat(g.driftRuns()).isEqualTo(1);
        GoldenTargetFigures t = run.targets().get(0).golden();
        assertThat(t.ranAtSeconds()).isEqualTo(GOLDEN_RAN.getEpochSecond());
        assertThat(t.fingerprints()).containsExactly("fp_g");
    }

    @Test
    void goldenDriftCountsConsecutiveRunsAndRestartsWithANewPin() {
        PlannedRequest r = request("p", LABEL, 2);
        Golden golden = golden(r, "A Label: yes", "yes");
        State state = State.empty();
        for (int run = 1; run <= 3; run++) {
            RunResult result = analyze("run-" + run, List.of(r), replies(r, "B", "B"), state, golden);
            assertThat(result.prompts().get(0).golden().driftRuns()).isEqualTo(run);
            state = StateUpdate.next(state, result, true);
        }
        RunResult back = analyze("run-4", List.of(r), replies(r, "A Label: yes", "A Label: yes"), state, golden);
        assertThat(back.prompts().get(0).golden().driftRuns()).isZero();

        Golden repinned = new Golden(Golden.VERSION, "run-h", "nightly", null, GOLDEN_RAN, GOLDEN_RAN,
                golden.targets(), golden.prompts());
        RunResult afterRepin = analyze("run-4", List.of(r), replies(r, "B", "B"), state, repinned);
        assertThat(afterRepin.prompts().get(0).golden().driftRuns()).isEqualTo(1);
    }

    @Test
    void goldenFiguresAreAbsentWhereNothingIsPinnedOrTheRequestChanged() {
        PlannedRequest pinned = request("pinned", LABEL, 2);
        PlannedRequest unpinned = request("unpinned", LABEL, 2);
        Golden otherRequest = new Golden(Golden.VERSION, "run-g", "nightly", null, GOLDEN_RAN, GOLDEN_RAN, Map.of(),
                Map.of("t1", Map.of("pinned", new Golden.Prompt("sha256:other", "x", null, null))));
        List<ReplayOutcome> outcomes = new ArrayList<>(replies(pinned, "A", "A"));
        outcomes.addAll(replies(unpinned, "A", "A"));

        RunResult run = analyze("run-2", List.of(pinned, unpinned), outcomes, State.empty(), otherRequest);
        assertThat(run.prompts()).extracting(p -> p.golden().status())
                .containsExactly(GoldenStatus.REQUEST_CHANGED, GoldenStatus.NOT_PINNED);
        assertThat(run.prompts()).allSatisfy(p -> {
            assertThat(p.golden().distance()).isNull();
            assertThat(p.golden().changed()).isEmpty();
            assertThat(p.golden().answerChanged()).isEmpty();
            assertThat(p.golden().driftRuns()).isNull();
        });
        assertThat(run.targets().get(0).golden()).isNull();

        RunResult none = analyze("run-2", List.of(pinned), replies(pinned, "A", "A"), State.empty(), null);
        assertThat(none.prompts().get(0).golden().status()).isEqualTo(GoldenStatus.NOTHING_PINNED);
    }
}
