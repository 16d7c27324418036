package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.testing.BuildState;

class StateUpdateTest {

    private static final String EMBED = "fake-embed-v1";
    // 2025-01-02T03:01:30Z = 1735786890 s since the epoch
    private static final Instant FINISHED = Instant.parse("2025-01-02T03:01:30Z");
    private static final Instant OLD = Instant.parse("2025-01-01T03:01:30Z");

    // ---- hand-built run results -----------------------------------------------------------------------------

    /** A prompt result: complete (2 of 2 succeeded) or not (1 of 2). */
    static PromptResult prompt(String target, String prompt, String hash, String mostCommon, boolean complete) {
        int succeeded = complete ? 2 : (mostCommon == null ? 0 : 1);
        Map<String, Integer> failures = complete ? Map.of() : Map.of("timeout", 2 - succeeded);
        Double distance = complete ? 0.0 : null;
        PromptFigures f = new PromptFigures(new PromptFigures.Counts(2, succeeded, failures),
                new PromptFigures.Agreement(mostCommon, mostCommon == null ? null : 1.0, mostCommon == null ? null : 1,
                        mostCommon == null ? null : mostCommon.codePointCount(0, mostCommon.length()), complete),
                new PromptFigures.Distances(distance, distance, distance), PromptFigures.Drift.NONE, null, null);
        return new PromptResult(target, "gpt-test", prompt, Expectation.DETERMINISTIC, hash, "{}", List.of(), f,
                BaselineStatus.NONE, null);
    }

    static TargetResult target(String name, String model, Map<String, Integer> fingerprints,
            Map<String, Integer> served, long promptTotal, long completionTotal) {
        TargetFigures f = new TargetFigures(new TargetFigures.Fingerprints(fingerprints, List.of(), Optional.empty()),
                new TargetFigures.ServedModels(served, Optional.empty()), new TargetFigures.Agreement(0, 0, null),
                new TargetFigures.Tokens(0, 0, promptTotal, completionTotal), List.of(),
                new TargetFigures.Behaviour(0, 0, Optional.empty(), 0.5));
        return new TargetResult(name, "openai", model, "http://localhost:9/v1", f);
    }

    static RunResult run(String runId, List<TargetResult> targets, List<PromptResult> prompts) {
        return new RunResult(runId, "nightly", Shard.ALL, FINISHED.minusSeconds(90), FINISHED, EMBED, targets,
                prompts, false, List.of());
    }

    static Baseline oldBaseline(String hash, String text) {
        return new Baseline(hash, EMBED, text, "run-1", OLD);
    }

    static BackendRecord record(String runId, String... fingerprints) {
        return new BackendRecord(runId, "gpt-test", List.of(fingerprints), List.of("served-1"));
    }

    static State state(Map<String, Map<String, Baseline>> baselines, Map<String, List<BackendRecord>> backends,
            Map<String, TokenTotals> tokens, Double lastSuccess) {
        BuildState state = BuildState.state();
        baselines.forEach((t, byPrompt) -> byPrompt.forEach((p, b) -> state.baseline(t, p, b)));
        backends.forEach(state::backends);
        tokens.forEach(state::tokens);
        if (lastSuccess != null) {
            state.lastSuccess(lastSuccess);
        }
        return state.build();
    }

    static Baseline baseline(State state, String target, String prompt) {
        return state.prompt(BuildState.key(target, prompt)).baseline().orElse(null);
    }

    static List<BackendRecord> backendHistory(State state, String target) {
        return state.target(target).backends();
    }

    static TokenTotals tokens(State state, String target) {
        return state.target(target).tokens().orElse(TokenTotals.ZERO);
    }

    private final TargetResult t1Answered = target("t1", "gpt-test", Map.of("fp_new", 2), Map.of("served-2", 2), 110,
            220);

    // ---- baselines ------------------------------------------------------------------------------------------

    @Test
    void completePromptBecomesTheBaseline() {
        State previous = state(Map.of("t1", Map.of("p1", oldBaseline("sha256:h1", "old text"))), Map.of(), Map.of(),
                null);
        RunResult run = run("run-2", List.of(t1Answered), List.of(prompt("t1", "p1", "sha256:h1b", "new text", true)));
        State next = StateUpdate.next(previous, run, true);
        // new baseline: this run's hash, embedding model, most common text, run id and finish time
        assertThat(baseline(next, "t1", "p1"))
                .isEqualTo(new Baseline("sha256:h1b", EMBED, "new text", "run-2", FINISHED));
    }

    @Test
    void completePromptBecomesTheBaselineEvenWhenTheRunFailedElsewhere() {
        RunResult run = run("run-2", List.of(t1Answered), List.of(prompt("t1", "p1", "sha256:h1", "text", true),
                prompt("t1", "p2", "sha256:h2", "other", false)));
        // success=false (too many failures overall): p1 still finished, so it is the new baseline
        State next = StateUpdate.next(state(Map.of(), Map.of(), Map.of(), 1.0), run, false);
        assertThat(baseline(next, "t1", "p1")).isEqualTo(new Baseline("sha256:h1", EMBED, "text", "run-2", FINISHED));
        // p2 did not finish and had no baseline: still none
        assertThat(baseline(next, "t1", "p2")).isNull();
    }

    @Test
    void incompletePromptKeepsThePreviousBaseline() {
        Baseline kept = oldBaseline("sha256:h1", "old text");
        State previous = state(Map.of("t1", Map.of("p1", kept)), Map.of(), Map.of(), 1.0);
        RunResult run = run("run-2", List.of(t1Answered),
                List.of(prompt("t1", "p1", "sha256:h1", "partial text", false)));
        State next = StateUpdate.next(previous, run, false);
        assertThat(baseline(next, "t1", "p1")).isEqualTo(kept);
    }

    @Test
    void allFailedPromptKeepsThePreviousBaseline() {
        Baseline kept = oldBaseline("sha256:h1", "old text");
        State previous = state(Map.of("t1", Map.of("p1", kept)), Map.of(), Map.of(), 1.0);
        RunResult run = run("run-2", List.of(target("t1", "gpt-test", Map.of(), Map.of(), 0, 0)),
                List.of(prompt("t1", "p1", "sha256:h1", null, false)));
        assertThat(baseline(StateUpdate.next(previous, run, false), "t1", "p1")).isEqualTo(kept);
    }

    @Test
    void baselinesOfPromptsNotInTheRunAreCarried() {
        Baseline other = oldBaseline("sha256:x", "x");
        Baseline otherTarget = oldBaseline("sha256:y", "y");
        State previous = state(Map.of("t1", Map.of("p9", other), "t2", Map.of("q", otherTarget)), Map.of(), Map.of(),
                null);
        RunResult run = run("run-2", List.of(t1Answered), List.of(prompt("t1", "p1", "sha256:h1", "text", true)));
        State next = StateUpdate.next(previous, run, true);
        // p9 and t2/q untouched; p1 added next to p9
        assertThat(baseline(next, "t1", "p9")).isEqualTo(other);
        assertThat(baseline(next, "t2", "q")).isEqualTo(otherTarget);
        assertThat(next.prompts().keySet()).containsOnly(BuildState.key("t1", "p1"), BuildState.key("t1", "p9"),
                BuildState.key("t2", "q"));
    }

    @Test
    void emptyTextCanBeTheBaseline() {
        RunResult run = run("run-2", List.of(t1Answered), List.of(prompt("t1", "p1", "sha256:h1", "", true)));
        assertThat(baseline(StateUpdate.next(State.empty(), run, true), "t1", "p1").text()).isEqualTo("");
    }

    @Test
    void previousStateIsNotModified() {
        Map<String, Map<String, Baseline>> baselines = new LinkedHashMap<>();
        baselines.put("t1", new LinkedHashMap<>(Map.of("p1", oldBaseline("sha256:h1", "old"))));
        State previous = state(baselines, Map.of("t1", List.of(record("run-1", "fp_a"))),
                Map.of("t1", new TokenTotals(1, 2)), 5.0);
        RunResult run = run("run-2", List.of(t1Answered), List.of(prompt("t1", "p1", "sha256:h1", "new", true)));
        StateUpdate.next(previous, run, true);
        assertThat(baseline(previous, "t1", "p1").text()).isEqualTo("old");
        assertThat(backendHistory(previous, "t1")).containsExactly(record("run-1", "fp_a"));
        assertThat(tokens(previous, "t1")).isEqualTo(new TokenTotals(1, 2));
        assertThat(previous.lastSuccessTimestampSeconds()).isEqualTo(5.0);
    }

    // ---- backend history ------------------------------------------------------------------------------------

    @Test
    void backendHistoryIsNewestFirst() {
        State previous = state(Map.of(), Map.of("t1", List.of(record("run-1", "fp_b"), record("run-0", "fp_a"))),
                Map.of(), null);
        TargetResult t = target("t1", "gpt-test", Map.of("fp_c", 1, "none", 1), Map.of("served-2", 2), 0, 0);
        State next = StateUpdate.next(previous, run("run-2", List.of(t), List.of()), true);
        List<BackendRecord> history = backendHistory(next, "t1");
        // run-2 (new) first, then run-1, run-0
        assertThat(history).extracting(BackendRecord::runId).containsExactly("run-2", "run-1", "run-0");
        BackendRecord newest = history.get(0);
        assertThat(newest.model()).isEqualTo("gpt-test");
        assertThat(newest.fingerprints()).containsExactlyInAnyOrder("fp_c", "none");
        assertThat(newest.servedModels()).containsExactly("served-2");
    }

    @Test
    void runWithoutASuccessfulReplayDoesNotEnterTheHistory() {
        List<BackendRecord> old = List.of(record("run-1", "fp_b"), record("run-0", "fp_a"));
        State previous = state(Map.of(), Map.of("t1", old), Map.of(), 1.0);
        TargetResult silent = target("t1", "gpt-test", Map.of(), Map.of(), 0, 0);
        State next = StateUpdate.next(previous, run("run-2", List.of(silent), List.of()), false);
        assertThat(backendHistory(next, "t1")).isEqualTo(old);
    }

    @Test
    void runWithoutASuccessfulReplayAndNoHistoryLeavesNoHistory() {
        TargetResult silent = target("t1", "gpt-test", Map.of(), Map.of(), 0, 0);
        State next = StateUpdate.next(state(Map.of(), Map.of(), Map.of(), 1.0), run("run-2", List.of(silent), List.of()),
                false);
        assertThat(backendHistory(next, "t1")).isEmpty();
    }

    @Test
    void backendHistoryIsCapped() {
        List<BackendRecord> old = new ArrayList<>();
        for (int i = StateUpdate.BACKEND_HISTORY; i >= 1; i--) {
            old.add(record("run-" + i, "fp_" + i)); // newest first: run-20 ... run-1
        }
        State previous = state(Map.of(), Map.of("t1", old), Map.of(), null);
        State next = StateUpdate.next(previous, run("run-21", List.of(t1Answered), List.of()), true);
        List<BackendRecord> history = backendHistory(next, "t1");
        // cap 20: run-21 added in front, run-1 (oldest) dropped
        assertThat(history).hasSize(StateUpdate.BACKEND_HISTORY);
        assertThat(history.get(0).runId()).isEqualTo("run-21");
        assertThat(history.get(1).runId()).isEqualTo("run-20");
        assertThat(history.get(history.size() - 1).runId()).isEqualTo("run-2");
    }

    @Test
    void historyOfTargetsNotInTheRunIsCarried() {
        List<BackendRecord> t2History = List.of(record("run-1", "fp_z"));
        State previous = state(Map.of(), Map.of("t2", t2History), Map.of("t2", new TokenTotals(5, 6)), null);
        State next = StateUpdate.next(previous, run("run-2", List.of(t1Answered), List.of()), true);
        assertThat(backendHistory(next, "t2")).isEqualTo(t2History);
        assertThat(tokens(next, "t2")).isEqualTo(new TokenTotals(5, 6));
    }

    // ---- tokens and last success ----------------------------------------------------------------------------

    @Test
    void tokenTotalsComeFromTheRun() {
        State previous = state(Map.of(), Map.of(), Map.of("t1", new TokenTotals(100, 200)), null);
        // the analyzer already added this run to the previous totals: 110 / 220
        State next = StateUpdate.next(previous, run("run-2", List.of(t1Answered), List.of()), true);
        assertThat(tokens(next, "t1")).isEqualTo(new TokenTotals(110, 220));
    }

    @Test
    void lastSuccessIsSetOnSuccess() {
        State previous = state(Map.of(), Map.of(), Map.of(), 1735700000.0);
        State next = StateUpdate.next(previous, run("run-2", List.of(t1Answered), List.of()), true);
        // finishedAt 2025-01-02T03:01:30Z = 1735786890 s
        assertThat(next.lastSuccessTimestampSeconds()).isEqualTo(1735786890.0);
    }

    @Test
    void lastSuccessKeepsMillisecondPrecision() {
        Instant finished = Instant.parse("2025-01-02T03:01:30.250Z");
        RunResult run = new RunResult("run-2", "nightly", Shard.ALL, finished.minusSeconds(1), finished, EMBED,
                List.of(), List.of(), false, List.of());
        // 1735786890 + 0.25
        assertThat(StateUpdate.next(State.empty(), run, true).lastSuccessTimestampSeconds()).isEqualTo(1735786890.25);
    }

    @Test
    void lastSuccessIsCarriedOnFailure() {
        State previous = state(Map.of(), Map.of(), Map.of(), 1735700000.0);
        State next = StateUpdate.next(previous, run("run-2", List.of(t1Answered), List.of()), false);
        assertThat(next.lastSuccessTimestampSeconds()).isEqualTo(1735700000.0);
    }

    /**
     * Regression test for a bug in an earlier snapshot of StateUpdate.java (line 47), since fixed in main (lines
     * 47-48 now box the first operand). The old line was
     * {@code Double lastSuccess = success ? run.finishedAt().toEpochMilli() / 1000.0 : previous.lastSuccessTimestampSeconds();}.
     * It mixed a double and a Double in a conditional, so Java unboxed the Double. With no previous success (first
     * run, or only failed runs so far) and success=false, it threw a NullPointerException instead of carrying "no last
     * success" forward. RunPipeline calls StateUpdate.next(previous, result, false) for every failed run, so the first
     * failing run of a fresh state dir crashed.
     * Expected: null (no series). Old behaviour: NullPointerException.
     */
    @Test
    void noLastSuccessStaysNoneOnFailure() {
        State next = StateUpdate.next(State.empty(), run("run-2", List.of(t1Answered), List.of()), false);
        assertThat(next.lastSuccessTimestampSeconds()).isNull();
    }

    /** Same bug as above, seen from the first run of a fresh state dir: a failing run must still produce a state. */
    @Test
    void firstRunThatFailsStillProducesAState() {
        RunResult run = run("run-1", List.of(t1Answered), List.of(prompt("t1", "p1", "sha256:h1", "text", true),
                prompt("t1", "p2", "sha256:h2", null, false)));
        State next = StateUpdate.next(State.empty(), run, false);
        // p1 complete -> baseline; p2 none; tokens 110/220; no last success
        assertThat(baseline(next, "t1", "p1")).isEqualTo(new Baseline("sha256:h1", EMBED, "text", "run-1", FINISHED));
        assertThat(baseline(next, "t1", "p2")).isNull();
        assertThat(tokens(next, "t1")).isEqualTo(new TokenTotals(110, 220));
        assertThat(next.lastSuccessTimestampSeconds()).isNull();
    }
}
