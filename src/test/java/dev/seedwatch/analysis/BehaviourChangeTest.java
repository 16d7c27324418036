package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.PromptKey;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;

/**
 * Behaviour change, computed by hand: a target without a fingerprint, four deterministic prompts (p1–p4) and a
 * nondeterministic one, replayed 3 times per run over 5 runs, fingerprint memory 3, share 0.5.
 *
 * <pre>
 * run  p1  p2  p3   p4        n1   compared  novel  changed
 * 1    A1  A2  A3   A4        x1   0         0      absent   (no earlier run)
 * 2    A1  A2  A3   A4        x2   4         0      0        steady
 * 3    B1  A2  A3   A4        x3   4         1      0        1 &lt; 0.5 x 4
 * 4    A1  B2  B3   B4        x4   4         3      1        p1 flips back to A1, seen in run 2: not novel
 * 5    A1  B2  fail req'     x5   2         0      0        p3 not fully measured, p4's request changed
 * </pre>
 */
class BehaviourChangeTest {

    static final String EMBED = "fake-embed";
    static final int MEMORY = 3;

    /** Every text the same vector: distances are not what this test is about. */
    static final Embedder EMBEDDER = new Embedder() {
        @Override
        public String modelId() {
            return EMBED;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> new float[] { 1, 0, 0 }).toList();
        }
    };

    final Target target = Build.target("claude").build();
    final Prompt p1 = deterministic("p1");
    final Prompt p2 = deterministic("p2");
    final Prompt p3 = deterministic("p3");
    final Prompt p4 = deterministic("p4");
    /** p4 with another request body: its memory is not comparable. */
    final Prompt p4Changed = Build.prompt("p4").temperature(0.2).replays(3).build();
    final Prompt n1 = Build.prompt("n1").expect(Expectation.NONDETERMINISTIC).temperature(0.9).replays(3).build();

    static Prompt deterministic(String id) {
        return Build.prompt(id).replays(3).build();
    }

    /** One run: each prompt's replies, "fail" for a failed replay; returns the result and moves the state on. */
    final class Runs {
        final RunAnalyzer analyzer;
        State state = State.empty();
        int count;

        Runs(int memory) {
            analyzer = new RunAnalyzer(EMBEDDER, memory, 0.5);
        }

        RunResult run(Map<Prompt, List<String>> replies) {
            count++;
            List<PlannedRequest> plan = new ArrayList<>();
            List<ReplayOutcome> outcomes = new ArrayList<>();
            replies.forEach((prompt, texts) -> {
                PlannedRequest request = PlannedRequest.of(target, prompt);
                plan.add(request);
                for (int i = 0; i < texts.size(); i++) {
                    outcomes.add(texts.get(i).equals("fail")
                            ? Build.failed(request, i, 3, FailureReason.SERVER_ERROR, 503, "overloaded")
                            : Build.reply(request, i, texts.get(i)).build());
                }
            });
            Instant at = Instant.parse("2026-01-01T03:00:00Z").plusSeconds(86_400L * count);
            RunResult result = analyzer.analyze(new RunAnalyzer.RunInfo("run-" + count, "s", Shard.ALL, at,
                    at.plusSeconds(60), false), plan, outcomes, state);
            state = StateUpdate.next(state, result, true);
            return result;
        }
    }

    static List<String> thrice(String text) {
        return List.of(text, text, text);
    }

    Map<Prompt, List<String>> replies(String t1, String t2, String t3, String t4, String x) {
        Map<Prompt, List<String>> replies = new LinkedHashMap<>();
        replies.put(p1, thrice(t1));
        replies.put(p2, thrice(t2));
        replies.put(p3, thrice(t3));
        replies.put(p4, thrice(t4));
        replies.put(n1, List.of(x + "a", x + "b", x + "c"));
        return replies;
    }

    static TargetFigures target(RunResult run) {
        return run.targets().get(0).figures();
    }

    static Optional<Boolean> novel(RunResult run, String prompt) {
        return run.prompts().stream().filter(p -> p.prompt().equals(prompt)).findFirst().orElseThrow().figures()
                .drift().completionNovel();
    }

    @Test
    void fiveRunsOfFourDeterministicPrompts() {
        Runs runs = new Runs(MEMORY);

        RunResult first = runs.run(replies("A1", "A2", "A3", "A4", "x1"));
        assertThat(target(first).behaviour().compared()).isZero();
        assertThat(target(first).behaviour().novel()).isZero();
        assertThat(target(first).behaviour().changed()).as("absent without an earlier run").isEmpty();
        assertThat(novel(first, "p1")).isEmpty();

        RunResult steady = runs.run(replies("A1", "A2", "A3", "A4", "x2"));
        assertThat(target(steady).behaviour().compared()).isEqualTo(4);
        assertThat(target(steady).behaviour().novel()).isZero();
        assertThat(target(steady).behaviour().changed()).contains(false);

        RunResult oneOfFour = runs.run(replies("B1", "A2", "A3", "A4", "x3"));
        assertThat(novel(oneOfFour, "p1")).contains(true);
        assertThat(target(oneOfFour).behaviour().compared()).isEqualTo(4);
        assertThat(target(oneOfFour).behaviour().novel()).isEqualTo(1);
        assertThat(target(oneOfFour).behaviour().changed()).as("1 < 0.5 x 4").contains(false);

        RunResult threeOfFour = runs.run(replies("A1", "B2", "B3", "B4", "x4"));
        assertThat(novel(threeOfFour, "p1")).as("A1 was the most common text two runs ago").contains(false);
        assertThat(threeOfFour.prompts().get(0).figures().drift().completionChanged()).as("but it differs from run 3")
                .contains(true);
        assertThat(target(threeOfFour).behaviour().compared()).isEqualTo(4);
        assertThat(target(threeOfFour).behaviour().novel()).isEqualTo(3);
        assertThat(target(threeOfFour).behaviour().changed()).contains(true);
        assertThat(novel(threeOfFour, "n1")).as("nondeterministic: novel, but never compared").contains(true);

        Map<Prompt, List<String>> fifth = new LinkedHashMap<>();
        fifth.put(p1, thrice("A1"));
        fifth.put(p2, thrice("B2"));
        fifth.put(p3, List.of("C3", "C3", "fail"));
        fifth.put(p4Changed, thrice("C4"));
        fifth.put(n1, List.of("x5a", "x5b", "x5c"));
        RunResult partial = runs.run(fifth);
        assertThat(novel(partial, "p4")).as("request changed: no comparable run").isEmpty();
        assertThat(novel(partial, "p3")).as("novel, but not fully measured").contains(true);
        assertThat(target(partial).behaviour().compared()).isEqualTo(2);
        assertThat(target(partial).behaviour().novel()).isZero();
        assertThat(target(partial).behaviour().changed()).contains(false);
    }

    @Test
    void aTextOlderThanTheMemoryIsNovelAgain() {
        Runs runs = new Runs(1);
        runs.run(replies("A1", "A2", "A3", "A4", "x"));
        runs.run(replies("B1", "A2", "A3", "A4", "x"));

        RunResult back = runs.run(replies("A1", "A2", "A3", "A4", "x"));

        assertThat(novel(back, "p1")).as("memory 1: only run 2's B1 is remembered").contains(true);
    }

    @Test
    void theStateKeepsHashesNotTexts() {
        Runs runs = new Runs(MEMORY);
        runs.run(replies("A secret reply", "A2", "A3", "A4", "x"));

        List<RecentText> memory = runs.state.prompt(new PromptKey("claude", "p1")).recentTexts();

        assertThat(memory).hasSize(1);
        assertThat(memory.get(0).textHash()).isEqualTo(RecentText.hash("A secret reply")).startsWith("sha256:")
                .doesNotContain("secret");
        assertThat(runs.state.prompt(new PromptKey("claude", "n1")).recentTexts())
                .as("every complete prompt is remembered").hasSize(1);
    }

    @Test
    void shardedCountsSumToTheUnshardedOnes() {
        Runs whole = new Runs(MEMORY);
        Runs shard0 = new Runs(MEMORY);
        Runs shard1 = new Runs(MEMORY);
        List<Map<Prompt, List<String>>> history = List.of(replies("A1", "A2", "A3", "A4", "x1"),
                replies("B1", "A2", "A3", "A4", "x2"), replies("B1", "B2", "B3", "A4", "x3"));
        RunResult w = null;
        RunResult s0 = null;
        RunResult s1 = null;
        for (Map<Prompt, List<String>> run : history) {
            w = whole.run(run);
            s0 = shard0.run(subset(run, p1, p2));
            s1 = shard1.run(subset(run, p3, p4, n1));
        }
        // run 3: B1 is remembered from run 2, B2 and B3 are novel: 1 of 2 on each shard, 2 of 4 summed
        assertThat(target(s0).behaviour().compared() + target(s1).behaviour().compared())
                .isEqualTo(target(w).behaviour().compared()).isEqualTo(4);
        assertThat(target(s0).behaviour().novel() + target(s1).behaviour().novel()).isEqualTo(target(w).behaviour().novel())
                .isEqualTo(2);
        assertThat(target(w).behaviour().changed()).contains(true);
    }

    static Map<Prompt, List<String>> subset(Map<Prompt, List<String>> run, Prompt... prompts) {
        Map<Prompt, List<String>> out = new LinkedHashMap<>();
        for (Prompt p : prompts) {
            out.put(p, run.get(p));
        }
        return out;
    }
}
