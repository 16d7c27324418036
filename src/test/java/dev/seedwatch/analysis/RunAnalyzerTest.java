package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.BuildState;

class RunAnalyzerTest {

    private static final double EPS = 1e-9;
    private static final String EMBED_MODEL = "fake-embed-v1";
    private static final int MEMORY = 3;

    // Hand-picked vectors with exact cosine distances:
    // alpha=(1,0,0), beta=(0,1,0), gamma=(3,4,0), ""=(0,0,0) (the Embedder contract: blank text -> zero vector)
    // d(alpha,beta) = 1 - 0 = 1.0
    // d(alpha,gamma) = 1 - 3/5 = 0.4
    // d(beta,gamma) = 1 - 4/5 = 0.2
    // d("",anything) = 1.0 (zero vector has no direction)
    // d(alpha,delta) with delta=(-1,0,0) = 1 - (-1) = 2.0
    private static final Map<String, float[]> VECTORS = new HashMap<>();
    static {
        VECTORS.put("alpha", new float[] { 1, 0, 0 });
        VECTORS.put("beta", new float[] { 0, 1, 0 });
        VECTORS.put("gamma", new float[] { 3, 4, 0 });
        VECTORS.put("delta", new float[] { -1, 0, 0 });
        VECTORS.put("", new float[] { 0, 0, 0 });
        VECTORS.put("héllo😀a", new float[] { 1, 0, 0 });
        VECTORS.put("héllo😀b", new float[] { 3, 4, 0 });
    }

    /** Maps known texts to fixed vectors and records every batch it was asked to embed. */
    static final class FakeEmbedder implements Embedder {
        final String model;
        final List<List<String>> calls = new ArrayList<>();
        RuntimeException failure;

        FakeEmbedder() {
            this(EMBED_MODEL);
        }

        FakeEmbedder(String model) {
            this.model = model;
        }

        @Override
        public String modelId() {
            return model;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            calls.add(List.copyOf(texts));
            if (failure != null) {
                throw failure;
            }
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                float[] v = VECTORS.get(t);
                if (v == null) {
                    throw new AssertionError("the test has no vector for text '" + t + "'");
                }
                out.add(v);
            }
            return out;
        }

        List<String> embeddedTexts() {
            return calls.stream().flatMap(List::stream).toList();
        }
    }

    // ---- builders -------------------------------------------------------------------------------------------

    static Target target(String name, String model) {
        return Build.target(name).model(model).build();
    }

    static Prompt prompt(String id, int replays) {
        return prompt(id, replays, Expectation.DETERMINISTIC);
    }

    static Prompt prompt(String id, int replays, Expectation expect) {
        return Build.prompt(id).user("Say something about " + id).expect(expect).replays(replays).build();
    }

    static ReplayOutcome ok(PlannedRequest r, int index, String text) {
        return ok(r, index, text, Fingerprint.of("fp_a"), "served-1", 10L, 20L, 0.5);
    }

    static ReplayOutcome ok(PlannedRequest r, int index, String text, Fingerprint fp) {
        return ok(r, index, text, fp, "served-1", 10L, 20L, 0.5);
    }

    static ReplayOutcome ok(PlannedRequest r, int index, String text, Fingerprint fp, String served,
            Long promptTokens, Long completionTokens, Double latency) {
        return Build.reply(r, index, text).fingerprint(fp).servedModel(served).usage(promptTokens, completionTokens)
                .latency(latency).build();
    }

    static ReplayOutcome failed(PlannedRequest r, int index, FailureReason reason) {
        return Build.failed(r, index, 3, reason, 500, "boom");
    }

    static List<ReplayOutcome> oks(PlannedRequest r, String... texts) {
        List<ReplayOutcome> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(ok(r, i, texts[i]));
        }
        return out;
    }

    static RunAnalyzer.RunInfo info() {
        return new RunAnalyzer.RunInfo("run-2", "nightly", Shard.ALL, Instant.parse("2025-01-02T03:00:00Z"),
                Instant.parse("2025-01-02T03:01:30Z"), false);
    }

    static State stateWithBaseline(String target, String prompt, Baseline baseline) {
        return BuildState.state().baseline(target, prompt, baseline).build();
    }

    static State stateWithHistory(String target, List<BackendRecord> history) {
        return BuildState.state().backends(target, history).build();
    }

    static BackendRecord record(String runId, String model, List<String> fingerprints, List<String> served) {
        return new BackendRecord(runId, model, fingerprints, served);
    }

    private final FakeEmbedder embedder = new FakeEmbedder();
    private final RunAnalyzer analyzer = new RunAnalyzer(embedder, MEMORY);

    private final Target t1 = target("t1", "gpt-test");
    private final Target t2 = target("t2", "gpt-other");

    private RunResult analyze(List<PlannedRequest> plan, List<ReplayOutcome> outcomes, State previous) {
        return analyzer.analyze(info(), plan, outcomes, previous);
    }

    private static PromptFigures figures(RunResult run, String target, String prompt) {
        return promptResult(run, target, prompt).figures();
    }

    private static PromptResult promptResult(RunResult run, String target, String prompt) {
        return run.prompts().stream().filter(p -> p.target().equals(target) && p.prompt().equals(prompt)).findFirst()
                .orElseThrow(() -> new AssertionError("no prompt result " + target + "/" + prompt));
    }

    private static TargetFigures targetFigures(RunResult run, String target) {
        return run.targets().stream().filter(t -> t.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no target result " + target)).figures();
    }

    // ---- within-run figures ---------------------------------------------------------------------------------

    @Nested
    class WithinRun {

        @Test
        void oneReplay() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1));
            RunResult run = analyze(List.of(r), oks(r, "hello"), State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            assertThat(f.counts().planned()).isEqualTo(1);
            assertThat(f.counts().succeeded()).isEqualTo(1);
            assertThat(f.counts().failures()).isEmpty();
            assertThat(f.agreement().mostCommonText()).isEqualTo("hello");
            assertThat(f.agreement().exactMatchRatio()).isEqualTo(1.0); // 1/1
            assertThat(f.agreement().uniqueCompletions()).isEqualTo(1);
            assertThat(f.agreement().commonPrefixChars()).isEqualTo(5); // "hello" = 5 code points
            // distances need >= 2 successful replays
            assertThat(f.distances().mean()).isNull();
            assertThat(f.distances().max()).isNull();
            assertThat(f.distances().firstToRest()).isNull();
            // no baseline
            assertThat(f.drift().baselineDistance()).isNull();
            assertThat(f.drift().completionChanged()).isEmpty();
            assertThat(f.counts().complete()).isTrue();
            assertThat(f.agreement().agreeing()).isTrue();
            assertThat(embedder.calls).isEmpty();
            // TARr@1: measured 1, agreeing 1 -> 1.0
            TargetFigures tf = targetFigures(run, "t1");
            assertThat(tf.agreement().measured()).isEqualTo(1);
            assertThat(tf.agreement().agreeing()).isEqualTo(1);
            assertThat(tf.agreement().ratio()).isEqualTo(1.0);
        }

        @Test
        void allIdenticalNeedsNoEmbeddingAndIsExactlyZeroApart() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 4));
            RunResult run = analyze(List.of(r), oks(r, "alpha", "alpha", "alpha", "alpha"), State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            // the embedder is not even asked
            assertThat(embedder.calls).isEmpty();
            // 6 pairs, all identical -> exactly 0.0
            assertThat(f.distances().mean()).isEqualTo(0.0);
            assertThat(f.distances().max()).isEqualTo(0.0);
            assertThat(f.distances().firstToRest()).isEqualTo(0.0);
            assertThat(f.agreement().exactMatchRatio()).isEqualTo(1.0); // 4/4
            assertThat(f.agreement().uniqueCompletions()).isEqualTo(1);
            assertThat(f.agreement().commonPrefixChars()).isEqualTo(5); // "alpha"
            assertThat(f.counts().complete()).isTrue();
            assertThat(f.agreement().agreeing()).isTrue();
            assertThat(run.problems()).isEmpty();
        }

        @Test
        void differingRepliesUseEmbeddingDistances() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));
            RunResult run = analyze(List.of(r), oks(r, "alpha", "alpha", "gamma"), State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            // pairs (alpha,alpha)=0, (alpha,gamma)=0.4 x2 -> mean 0.8/3 = 0.2666.., max 0.4
            // firstToRest from alpha: (0 + 0.4)/2 = 0.2
            assertThat(f.distances().mean()).isCloseTo(0.8 / 3, within(EPS));
            assertThat(f.distances().max()).isCloseTo(0.4, within(EPS));
            assertThat(f.distances().firstToRest()).isCloseTo(0.2, within(EPS));
            assertThat(f.agreement().mostCommonText()).isEqualTo("alpha"); // 2 of 3
            assertThat(f.agreement().exactMatchRatio()).isCloseTo(2.0 / 3, within(EPS));
            assertThat(f.agreement().uniqueCompletions()).isEqualTo(2);
            assertThat(f.agreement().commonPrefixChars()).isEqualTo(0); // 'a' vs 'g'
            assertThat(f.counts().complete()).isTrue();
            assertThat(f.agreement().agreeing()).isFalse();
            // each distinct text once, in one batch
            assertThat(embedder.calls).hasSize(1);
            assertThat(embedder.calls.get(0)).containsExactlyInAnyOrder("alpha", "gamma");
        }

        @Test
        void oppositeRepliesAreTwoApart() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 2));
            RunResult run = analyze(List.of(r), oks(r, "alpha", "delta"), State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            // (1,0,0) vs (-1,0,0): 2.0
            assertThat(f.distances().mean()).isCloseTo(2.0, within(EPS));
            assertThat(f.distances().max()).isCloseTo(2.0, within(EPS));
            // tie 1/1: "alpha" < "delta"
            assertThat(f.agreement().mostCommonText()).isEqualTo("alpha");
            assertThat(f.agreement().exactMatchRatio()).isEqualTo(0.5);
        }

        @Test
        void allFailed() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));
            List<ReplayOutcome> outcomes = List.of(failed(r, 0, FailureReason.RATE_LIMITED),
                    failed(r, 1, FailureReason.TIMEOUT), failed(r, 2, FailureReason.RATE_LIMITED));
            RunResult run = analyze(List.of(r), outcomes, State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            assertThat(f.counts().planned()).isEqualTo(3);
            assertThat(f.counts().succeeded()).isEqualTo(0);
            assertThat(f.counts().failed()).isEqualTo(3);
            // rate_limited x2, timeout x1; by label
            assertThat(f.counts().failures()).containsOnly(entry("rate_limited", 2), entry("timeout", 1));
            assertThat(f.agreement().mostCommonText()).isNull();
            assertThat(f.agreement().exactMatchRatio()).isNull();
            assertThat(f.agreement().uniqueCompletions()).isNull();
            assertThat(f.agreement().commonPrefixChars()).isNull();
            assertThat(f.distances().mean()).isNull();
            assertThat(f.distances().max()).isNull();
            assertThat(f.distances().firstToRest()).isNull();
            assertThat(f.counts().complete()).isFalse();
            assertThat(f.agreement().agreeing()).isFalse();
            assertThat(embedder.calls).isEmpty();
            TargetFigures tf = targetFigures(run, "t1");
            // no prompt measured -> TARr undefined
            assertThat(tf.agreement().measured()).isEqualTo(0);
            assertThat(tf.agreement().agreeing()).isEqualTo(0);
            assertThat(tf.agreement().ratio()).isNull();
            assertThat(tf.fingerprint().replays()).isEmpty();
            assertThat(tf.servedModel().replays()).isEmpty();
            assertThat(tf.fingerprint().changed()).isEmpty();
            assertThat(tf.latenciesSeconds()).isEmpty();
            assertThat(tf.tokens().prompt()).isZero();
            assertThat(tf.tokens().completion()).isZero();
            // run-level: 3 of 3 failed
            assertThat(run.replaysPlanned()).isEqualTo(3);
            assertThat(run.replaysFailed()).isEqualTo(3);
            assertThat(run.failureRatio()).isEqualTo(1.0);
        }

        @Test
        void partialFailureIsNotMeasuredButStillHasFigures() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));
            List<ReplayOutcome> outcomes = List.of(ok(r, 0, "alpha"), failed(r, 1, FailureReason.SERVER_ERROR),
                    ok(r, 2, "beta"));
            RunResult run = analyze(List.of(r), outcomes, State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            assertThat(f.counts().succeeded()).isEqualTo(2);
            assertThat(f.counts().failures()).containsOnly(entry("server_error", 1));
            // only the 2 successes: one pair (alpha,beta) = 1.0
            assertThat(f.distances().mean()).isCloseTo(1.0, within(EPS));
            assertThat(f.distances().max()).isCloseTo(1.0, within(EPS));
            assertThat(f.distances().firstToRest()).isCloseTo(1.0, within(EPS));
            // tie 1/1 -> "alpha"; ratio 1/2
            assertThat(f.agreement().mostCommonText()).isEqualTo("alpha");
            assertThat(f.agreement().exactMatchRatio()).isEqualTo(0.5);
            assertThat(f.counts().complete()).isFalse();
            assertThat(targetFigures(run, "t1").agreement().measured()).isEqualTo(0);
            assertThat(targetFigures(run, "t1").agreement().ratio()).isNull();
            // 1 of 3 failed
            assertThat(run.failureRatio()).isCloseTo(1.0 / 3, within(EPS));
        }

        @Test
        void replaysNeverSentCountAsCancelled() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 4));
            // 4 planned, only 1 came back (interrupted run)
            RunResult run = analyze(List.of(r), List.of(ok(r, 0, "alpha")), State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            // 4 - 1 = 3 cancelled
            assertThat(f.counts().failures()).containsOnly(entry("cancelled", 3));
            assertThat(f.counts().failed()).isEqualTo(3);
            assertThat(f.counts().complete()).isFalse();
        }

        @Test
        void promptWithNoOutcomeAtAll() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 2));
            RunResult run = analyze(List.of(r), List.of(), State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            // 2 planned, nothing back -> cancelled 2
            assertThat(f.counts().failures()).containsOnly(entry("cancelled", 2));
            assertThat(f.agreement().exactMatchRatio()).isNull();
            assertThat(f.agreement().uniqueCompletions()).isNull();
        }

        @Test
        void emptyTextIsASuccessfulReply() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));
            RunResult run = analyze(List.of(r), oks(r, "", "", "alpha"), State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            assertThat(f.counts().succeeded()).isEqualTo(3);
            assertThat(f.counts().failures()).isEmpty();
            // "" x2 wins
            assertThat(f.agreement().mostCommonText()).isEqualTo("");
            assertThat(f.agreement().exactMatchRatio()).isCloseTo(2.0 / 3, within(EPS));
            assertThat(f.agreement().uniqueCompletions()).isEqualTo(2);
            assertThat(f.agreement().commonPrefixChars()).isEqualTo(0);
            // ("","")=0, ("",alpha)=1.0 x2 -> mean 2/3, max 1.0; firstToRest ("" -> "", alpha) = (0+1)/2 = 0.5
            assertThat(f.distances().mean()).isCloseTo(2.0 / 3, within(EPS));
            assertThat(f.distances().max()).isCloseTo(1.0, within(EPS));
            assertThat(f.distances().firstToRest()).isCloseTo(0.5, within(EPS));
            assertThat(f.counts().complete()).isTrue();
            assertThat(f.agreement().agreeing()).isFalse();
        }

        @Test
        void onlyEmptyTexts() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 2));
            RunResult run = analyze(List.of(r), oks(r, "", ""), State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            // identical "" -> no embedding, distance exactly 0
            assertThat(embedder.calls).isEmpty();
            assertThat(f.agreement().mostCommonText()).isEqualTo("");
            assertThat(f.agreement().exactMatchRatio()).isEqualTo(1.0);
            assertThat(f.agreement().uniqueCompletions()).isEqualTo(1);
            assertThat(f.agreement().commonPrefixChars()).isEqualTo(0);
            assertThat(f.distances().mean()).isEqualTo(0.0);
            assertThat(f.agreement().agreeing()).isTrue();
        }

        @Test
        void unicodeText() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));
            RunResult run = analyze(List.of(r), oks(r, "héllo😀a", "héllo😀b", "héllo😀a"), State.empty());
            PromptFigures f = figures(run, "t1", "p1");
            // h é l l o 😀 = 6 code points shared
            assertThat(f.agreement().commonPrefixChars()).isEqualTo(6);
            assertThat(f.agreement().mostCommonText()).isEqualTo("héllo😀a"); // 2 of 3
            assertThat(f.agreement().exactMatchRatio()).isCloseTo(2.0 / 3, within(EPS));
            assertThat(f.agreement().uniqueCompletions()).isEqualTo(2);
            // a=(1,0,0), b=(3,4,0): 0.4; pairs (a,b)=0.4,(a,a)=0,(b,a)=0.4 -> mean 0.8/3, max 0.4; first (0.4+0)/2
            assertThat(f.distances().mean()).isCloseTo(0.8 / 3, within(EPS));
            assertThat(f.distances().max()).isCloseTo(0.4, within(EPS));
            assertThat(f.distances().firstToRest()).isCloseTo(0.2, within(EPS));
        }

        @Test
        void promptResultCarriesTheRequestAndLabels() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1, Expectation.NONDETERMINISTIC));
            RunResult run = analyze(List.of(r), oks(r, "alpha"), State.empty());
            PromptResult p = promptResult(run, "t1", "p1");
            assertThat(p.model()).isEqualTo("gpt-test");
            assertThat(p.expect()).isEqualTo(Expectation.NONDETERMINISTIC);
            assertThat(p.requestHash()).isEqualTo(r.bodyHash()).startsWith("sha256:");
            assertThat(p.requestBody()).isEqualTo(r.body());
            assertThat(p.replays()).hasSize(1);
            assertThat(p.baselineStatus()).isEqualTo(BaselineStatus.NONE);
            assertThat(p.baseline()).isNull();
            assertThat(run.runId()).isEqualTo("run-2");
            assertThat(run.suite()).isEqualTo("nightly");
            assertThat(run.embeddingModel()).isEqualTo(EMBED_MODEL);
            assertThat(run.interrupted()).isFalse();
            TargetResult t = run.targets().get(0);
            assertThat(t.target()).isEqualTo("t1");
            assertThat(t.type()).isEqualTo("openai");
            assertThat(t.model()).isEqualTo("gpt-test");
            assertThat(t.baseUrl()).isEqualTo("http://localhost:9/v1");
        }

        @Test
        void samePromptIdOnTwoTargetsIsKeptApart() {
            PlannedRequest r1 = PlannedRequest.of(t1, prompt("p1", 2));
            PlannedRequest r2 = PlannedRequest.of(t2, prompt("p1", 2));
            List<ReplayOutcome> outcomes = new ArrayList<>(oks(r1, "alpha", "alpha"));
            outcomes.addAll(oks(r2, "beta", "gamma"));
            RunResult run = analyze(List.of(r1, r2), outcomes, State.empty());
            // t1: identical -> 0; t2: (beta,gamma) = 0.2
            assertThat(figures(run, "t1", "p1").distances().mean()).isEqualTo(0.0);
            assertThat(figures(run, "t2", "p1").distances().mean()).isCloseTo(0.2, within(EPS));
            assertThat(run.targets()).extracting(TargetResult::target).containsExactly("t1", "t2");
            // t1 measured 1 agreeing 1; t2 measured 1 agreeing 0
            assertThat(targetFigures(run, "t1").agreement().ratio()).isEqualTo(1.0);
            assertThat(targetFigures(run, "t2").agreement().ratio()).isEqualTo(0.0);
        }

        @Test
        void eachDistinctTextIsEmbeddedOnceEvenWhenSharedAcrossPrompts() {
            PlannedRequest p1 = PlannedRequest.of(t1, prompt("p1", 2));
            PlannedRequest p2 = PlannedRequest.of(t1, prompt("p2", 3));
            PlannedRequest p3 = PlannedRequest.of(t2, prompt("p3", 2));
            List<ReplayOutcome> outcomes = new ArrayList<>();
            outcomes.addAll(oks(p1, "alpha", "beta"));
            outcomes.addAll(oks(p2, "beta", "gamma", "beta"));
            outcomes.addAll(oks(p3, "gamma", "alpha"));
            RunResult run = analyze(List.of(p1, p2, p3), outcomes, State.empty());
            // one batch, every distinct text once
            assertThat(embedder.calls).hasSize(1);
            assertThat(embedder.calls.get(0)).containsExactlyInAnyOrder("alpha", "beta", "gamma");
            // p1: (alpha,beta) = 1.0
            assertThat(figures(run, "t1", "p1").distances().mean()).isCloseTo(1.0, within(EPS));
            // p2: pairs (beta,gamma)=0.2, (beta,beta)=0, (gamma,beta)=0.2 -> mean 0.4/3, max 0.2
            assertThat(figures(run, "t1", "p2").distances().mean()).isCloseTo(0.4 / 3, within(EPS));
            assertThat(figures(run, "t1", "p2").distances().max()).isCloseTo(0.2, within(EPS));
            // p3: (gamma,alpha) = 0.4
            assertThat(figures(run, "t2", "p3").distances().mean()).isCloseTo(0.4, within(EPS));
        }

        @Test
        void agreementRatioIsAgreeingOverMeasured() {
            PlannedRequest a = PlannedRequest.of(t1, prompt("a", 2));
            PlannedRequest b = PlannedRequest.of(t1, prompt("b", 2));
            PlannedRequest c = PlannedRequest.of(t1, prompt("c", 2));
            PlannedRequest d = PlannedRequest.of(t1, prompt("d", 2));
            List<ReplayOutcome> outcomes = new ArrayList<>();
            outcomes.addAll(oks(a, "alpha", "alpha")); // complete, agreeing
            outcomes.addAll(oks(b, "alpha", "beta")); // complete, not agreeing
            outcomes.add(ok(c, 0, "alpha")); // incomplete: not measured even though the one reply "agrees"
            outcomes.add(failed(c, 1, FailureReason.CONNECTION));
            outcomes.addAll(oks(d, "gamma", "gamma")); // complete, agreeing
            RunResult run = analyze(List.of(a, b, c, d), outcomes, State.empty());
            TargetFigures tf = targetFigures(run, "t1");
            // measured a,b,d = 3; agreeing a,d = 2; TARr = 2/3
            assertThat(tf.agreement().measured()).isEqualTo(3);
            assertThat(tf.agreement().agreeing()).isEqualTo(2);
            assertThat(tf.agreement().ratio()).isCloseTo(2.0 / 3, within(EPS));
        }

        @Test
        void agreementLeavesNondeterministicPromptsOut() {
            List<PlannedRequest> deterministic = List.of(PlannedRequest.of(t1, prompt("a", 2)),
                    PlannedRequest.of(t1, prompt("b", 2)), PlannedRequest.of(t1, prompt("c", 2)));
            PlannedRequest creative = PlannedRequest.of(t1, prompt("story", 2, Expectation.NONDETERMINISTIC));
            List<ReplayOutcome> outcomes = new ArrayList<>();
            deterministic.forEach(r -> outcomes.addAll(oks(r, "alpha", "alpha")));
            outcomes.addAll(oks(creative, "alpha", "beta"));
            List<PlannedRequest> plan = new ArrayList<>(deterministic);
            plan.add(creative);
            TargetFigures tf = targetFigures(analyze(plan, outcomes, State.empty()), "t1");
            // 3 deterministic prompts, all agreeing: 3/3, not 3/4
            assertThat(tf.agreement().measured()).isEqualTo(3);
            assertThat(tf.agreement().agreeing()).isEqualTo(3);
            assertThat(tf.agreement().ratio()).isEqualTo(1.0);
        }

        @Test
        void agreementIsAbsentWhenOnlyNondeterministicPromptsWereMeasured() {
            PlannedRequest creative = PlannedRequest.of(t1, prompt("story", 2, Expectation.NONDETERMINISTIC));
            TargetFigures tf = targetFigures(analyze(List.of(creative), oks(creative, "alpha", "alpha"), State.empty()),
                    "t1");
            assertThat(tf.agreement().measured()).isZero();
            assertThat(tf.agreement().ratio()).isNull();
        }

        @Test
        void latenciesOfSuccessfulReplaysOnly() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));
            List<ReplayOutcome> outcomes = List.of(
                    ok(r, 0, "alpha", Fingerprint.of("fp_a"), "m", 1L, 1L, 0.25),
                    ok(r, 1, "alpha", Fingerprint.of("fp_a"), "m", 1L, 1L, 1.5),
                    failed(r, 2, FailureReason.TIMEOUT));
            RunResult run = analyze(List.of(r), outcomes, State.empty());
            // 0.25 and 1.5; the failed one has none
            assertThat(targetFigures(run, "t1").latenciesSeconds()).containsExactlyInAnyOrder(0.25, 1.5);
        }
    }

    // ---- fingerprints, served models, tokens ----------------------------------------------------------------

    @Nested
    class Backend {

        @Test
        void nullAndMissingFingerprintsAreBothNone() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 4));
            List<ReplayOutcome> outcomes = List.of(ok(r, 0, "alpha", Fingerprint.NULL),
                    ok(r, 1, "alpha", Fingerprint.MISSING), ok(r, 2, "alpha", Fingerprint.of("fp_a")),
                    ok(r, 3, "alpha", null));
            RunResult run = analyze(List.of(r), outcomes, State.empty());
            TargetFigures tf = targetFigures(run, "t1");
            // NULL, MISSING and a null Fingerprint -> "none" x3; fp_a x1
            assertThat(tf.fingerprint().replays()).containsOnly(entry("none", 3), entry("fp_a", 1));
        }

        @Test
        void twoFingerprintsInOneRunAreCountedEach() {
            PlannedRequest p1 = PlannedRequest.of(t1, prompt("p1", 2));
            PlannedRequest p2 = PlannedRequest.of(t1, prompt("p2", 2));
            List<ReplayOutcome> outcomes = List.of(ok(p1, 0, "alpha", Fingerprint.of("fp_a")),
                    ok(p1, 1, "alpha", Fingerprint.of("fp_b")), ok(p2, 0, "beta", Fingerprint.of("fp_a")),
                    ok(p2, 1, "beta", Fingerprint.of("fp_a")));
            RunResult run = analyze(List.of(p1, p2), outcomes, State.empty());
            TargetFigures tf = targetFigures(run, "t1");
            // fp_a: p1#0, p2#0, p2#1 = 3; fp_b: p1#1 = 1
            assertThat(tf.fingerprint().replays()).containsOnly(entry("fp_a", 3), entry("fp_b", 1));
        }

        @Test
        void failedReplaysDoNotCountTowardFingerprints() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 2));
            RunResult run = analyze(List.of(r),
                    List.of(ok(r, 0, "alpha", Fingerprint.of("fp_a")), failed(r, 1, FailureReason.BAD_RESPONSE)),
                    State.empty());
            // only the success: fp_a x1
            assertThat(targetFigures(run, "t1").fingerprint().replays()).containsOnly(entry("fp_a", 1));
        }

        @Test
        void servedModelsAreCountedWithNoneForAbsent() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));
            List<ReplayOutcome> outcomes = List.of(ok(r, 0, "alpha", Fingerprint.NULL, "gpt-test-0613", 1L, 1L, 1.0),
                    ok(r, 1, "alpha", Fingerprint.NULL, null, 1L, 1L, 1.0),
                    ok(r, 2, "alpha", Fingerprint.NULL, "gpt-test-0613", 1L, 1L, 1.0));
            RunResult run = analyze(List.of(r), outcomes, State.empty());
            // gpt-test-0613 x2, none x1
            assertThat(targetFigures(run, "t1").servedModel().replays())
                    .containsOnly(entry("gpt-test-0613", 2), entry("none", 1));
        }

        @Test
        void noHistoryMeansChangeIsUndefined() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1));
            RunResult run = analyze(List.of(r), oks(r, "alpha"), State.empty());
            TargetFigures tf = targetFigures(run, "t1");
            assertThat(tf.fingerprint().changed()).isEmpty();
            assertThat(tf.servedModel().changed()).isEmpty();
            assertThat(tf.fingerprint().previous()).isEmpty();
        }

        @Test
        void fingerprintsAllSeenInMemoryAreNotAChange() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));
            // newest first: run-1c sees fp_c, run-1b fp_b, run-1a fp_a (3 records = memory of 3)
            State previous = stateWithHistory("t1",
                    List.of(record("run-1c", "gpt-test", List.of("fp_c"), List.of("served-1")),
                            record("run-1b", "gpt-test", List.of("fp_b"), List.of("served-1")),
                            record("run-1a", "gpt-test", List.of("fp_a"), List.of("served-1"))));
            List<ReplayOutcome> outcomes = List.of(ok(r, 0, "alpha", Fingerprint.of("fp_a")),
                    ok(r, 1, "alpha", Fingerprint.of("fp_b")), ok(r, 2, "alpha", Fingerprint.of("fp_c")));
            RunResult run = analyze(List.of(r), outcomes, previous);
            TargetFigures tf = targetFigures(run, "t1");
            // fp_a, fp_b, fp_c all in the last 3 records -> 0
            assertThat(tf.fingerprint().changed()).contains(false);
            // previous = newest record's
            assertThat(tf.fingerprint().previous()).containsExactly("fp_c");
            // served-1 seen -> 0
            assertThat(tf.servedModel().changed()).contains(false);
        }

        @Test
        void aNewFingerprintIsAChange() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 2));
            State previous = stateWithHistory("t1",
                    List.of(record("run-1", "gpt-test", List.of("fp_a", "fp_b"), List.of("served-1"))));
            List<ReplayOutcome> outcomes = List.of(ok(r, 0, "alpha", Fingerprint.of("fp_a")),
                    ok(r, 1, "alpha", Fingerprint.of("fp_new")));
            RunResult run = analyze(List.of(r), outcomes, previous);
            TargetFigures tf = targetFigures(run, "t1");
            // fp_new not in {fp_a, fp_b} -> 1
            assertThat(tf.fingerprint().changed()).contains(true);
            assertThat(tf.fingerprint().previous()).containsExactly("fp_a", "fp_b");
            assertThat(tf.servedModel().changed()).contains(false);
        }

        @Test
        void aFingerprintSeenOnlyBeyondTheMemoryIsNew() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1));
            // memory 3; fp_old only in the 4th newest record (N+1 runs ago)
            State previous = stateWithHistory("t1",
                    List.of(record("run-4", "gpt-test", List.of("fp_x"), List.of("served-1")),
                            record("run-3", "gpt-test", List.of("fp_x"), List.of("served-1")),
                            record("run-2", "gpt-test", List.of("fp_x"), List.of("served-1")),
                            record("run-1", "gpt-test", List.of("fp_old"), List.of("served-1"))));
            RunResult run = analyze(List.of(r), List.of(ok(r, 0, "alpha", Fingerprint.of("fp_old"))), previous);
            // fp_old not among run-4, run-3, run-2 -> 1
            assertThat(targetFigures(run, "t1").fingerprint().changed()).contains(true);
        }

        @Test
        void aFingerprintSeenExactlyNRunsAgoIsNotNew() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1));
            State previous = stateWithHistory("t1",
                    List.of(record("run-3", "gpt-test", List.of("fp_x"), List.of("served-1")),
                            record("run-2", "gpt-test", List.of("fp_x"), List.of("served-1")),
                            record("run-1", "gpt-test", List.of("fp_old"), List.of("served-1"))));
            RunResult run = analyze(List.of(r), List.of(ok(r, 0, "alpha", Fingerprint.of("fp_old"))), previous);
            // fp_old in run-1, the 3rd newest = within memory 3 -> 0
            assertThat(targetFigures(run, "t1").fingerprint().changed()).contains(false);
        }

        @Test
        void recordsOfAnotherModelAreIgnored() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1));
            // newest record is of another model and saw fp_x; the only same-model record saw fp_a
            State previous = stateWithHistory("t1",
                    List.of(record("run-2", "gpt-previous-model", List.of("fp_x"), List.of("served-x")),
                            record("run-1", "gpt-test", List.of("fp_a"), List.of("served-1"))));
            RunResult run = analyze(List.of(r),
                    List.of(ok(r, 0, "alpha", Fingerprint.of("fp_x"), "served-x", 1L, 1L, 1.0)), previous);
            TargetFigures tf = targetFigures(run, "t1");
            // fp_x was only seen under another model -> new -> 1; likewise served-x
            assertThat(tf.fingerprint().changed()).contains(true);
            assertThat(tf.servedModel().changed()).contains(true);
            // previous fingerprints come from the newest record of this model
            assertThat(tf.fingerprint().previous()).containsExactly("fp_a");
        }

        @Test
        void onlyOtherModelRecordsMeansNoHistory() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1));
            State previous = stateWithHistory("t1",
                    List.of(record("run-1", "gpt-previous-model", List.of("fp_a"), List.of("served-1"))));
            RunResult run = analyze(List.of(r), List.of(ok(r, 0, "alpha", Fingerprint.of("fp_a"))), previous);
            TargetFigures tf = targetFigures(run, "t1");
            assertThat(tf.fingerprint().changed()).isEmpty();
            assertThat(tf.servedModel().changed()).isEmpty();
            assertThat(tf.fingerprint().previous()).isEmpty();
        }

        @Test
        void historyOfAnotherTargetIsIgnored() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1));
            State previous = stateWithHistory("t2",
                    List.of(record("run-1", "gpt-test", List.of("fp_a"), List.of("served-1"))));
            RunResult run = analyze(List.of(r), List.of(ok(r, 0, "alpha", Fingerprint.of("fp_a"))), previous);
            assertThat(targetFigures(run, "t1").fingerprint().changed()).isEmpty();
        }

        @Test
        void noSuccessfulReplayMeansChangeIsUndefinedEvenWithHistory() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1));
            State previous = stateWithHistory("t1",
                    List.of(record("run-1", "gpt-test", List.of("fp_a"), List.of("served-1"))));
            RunResult run = analyze(List.of(r), List.of(failed(r, 0, FailureReason.AUTH)), previous);
            TargetFigures tf = targetFigures(run, "t1");
            assertThat(tf.fingerprint().changed()).isEmpty();
            assertThat(tf.servedModel().changed()).isEmpty();
            // the previous run's fingerprints are still known
            assertThat(tf.fingerprint().previous()).containsExactly("fp_a");
        }

        @Test
        void noneIsRememberedLikeAnyFingerprint() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 1));
            State previous = stateWithHistory("t1",
                    List.of(record("run-1", "gpt-test", List.of("none"), List.of("served-1"))));
            RunResult run = analyze(List.of(r), List.of(ok(r, 0, "alpha", Fingerprint.MISSING)), previous);
            // "none" seen before -> 0
            assertThat(targetFigures(run, "t1").fingerprint().changed()).contains(false);
        }

        @Test
        void aNewServedModelIsAChange() {
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 2));
            State previous = stateWithHistory("t1",
                    List.of(record("run-1", "gpt-test", List.of("fp_a"), List.of("gpt-test-0613"))));
            List<ReplayOutcome> outcomes = List.of(
                    ok(r, 0, "alpha", Fingerprint.of("fp_a"), "gpt-test-0613", 1L, 1L, 1.0),
                    ok(r, 1, "alpha", Fingerprint.of("fp_a"), "gpt-test-1106", 1L, 1L, 1.0));
            RunResult run = analyze(List.of(r), outcomes, previous);
            TargetFigures tf = targetFigures(run, "t1");
            // gpt-test-1106 not seen before -> 1; fingerprints unchanged -> 0
            assertThat(tf.servedModel().changed()).contains(true);
            assertThat(tf.fingerprint().changed()).contains(false);
        }

        @Test
        void tokensAreSummedFromSuccessfulReplaysAndAddedToTheTotals() {
            PlannedRequest p1 = PlannedRequest.of(t1, prompt("p1", 3));
            PlannedRequest p2 = PlannedRequest.of(t1, prompt("p2", 1));
            PlannedRequest q = PlannedRequest.of(t2, prompt("q", 1));
            // a content-filtered reply that still reported usage: not a success, so not counted
            ReplayOutcome filteredWithUsage = new ReplayOutcome("t1", "p1", 2, null, "content_filter",
                    Fingerprint.of("fp_a"), "served-1", 1000L, 1000L, 0.1, 1, FailureReason.CONTENT_FILTER, 200,
                    "filtered", null, null);
            List<ReplayOutcome> outcomes = List.of(
                    ok(p1, 0, "alpha", Fingerprint.of("fp_a"), "m", 10L, 20L, 1.0),
                    ok(p1, 1, "alpha", Fingerprint.of("fp_a"), "m", 11L, 21L, 1.0),
                    filteredWithUsage,
                    ok(p2, 0, "beta", Fingerprint.of("fp_a"), "m", 5L, null, 1.0), // no completion usage: 0
                    ok(q, 0, "gamma", Fingerprint.of("fp_q"), "m", 7L, 8L, 1.0));
            State previous = BuildState.state().tokens("t1", new TokenTotals(100, 200)).build();
            RunResult run = analyze(List.of(p1, p2, q), outcomes, previous);
            TargetFigures tf = targetFigures(run, "t1");
            // prompt: 10 + 11 + 5 = 26; completion: 20 + 21 + 0 = 41
            assertThat(tf.tokens().prompt()).isEqualTo(26);
            assertThat(tf.tokens().completion()).isEqualTo(41);
            // totals: 100 + 26 = 126; 200 + 41 = 241
            assertThat(tf.tokens().promptTotal()).isEqualTo(126);
            assertThat(tf.tokens().completionTotal()).isEqualTo(241);
            TargetFigures tq = targetFigures(run, "t2");
            // no previous totals for t2: 0 + 7, 0 + 8
            assertThat(tq.tokens().prompt()).isEqualTo(7);
            assertThat(tq.tokens().completion()).isEqualTo(8);
            assertThat(tq.tokens().promptTotal()).isEqualTo(7);
            assertThat(tq.tokens().completionTotal()).isEqualTo(8);
        }
    }

    // ---- baseline -------------------------------------------------------------------------------------------

    @Nested
    class BaselineComparison {

        private final PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));

        private Baseline baseline(String text) {
            return new Baseline(r.bodyHash(), EMBED_MODEL, text, "run-1", Instant.parse("2025-01-01T03:00:00Z"));
        }

        @Test
        void noBaseline() {
            RunResult run = analyze(List.of(r), oks(r, "alpha", "alpha", "alpha"), State.empty());
            PromptResult p = promptResult(run, "t1", "p1");
            assertThat(p.baselineStatus()).isEqualTo(BaselineStatus.NONE);
            assertThat(p.figures().drift().completionChanged()).isEmpty();
            assertThat(p.figures().drift().baselineDistance()).isNull();
        }

        @Test
        void sameTextAsBaseline() {
            RunResult run = analyze(List.of(r), oks(r, "alpha", "alpha", "alpha"),
                    stateWithBaseline("t1", "p1", baseline("alpha")));
            PromptResult p = promptResult(run, "t1", "p1");
            assertThat(p.baselineStatus()).isEqualTo(BaselineStatus.COMPARED);
            assertThat(p.baseline()).isEqualTo(baseline("alpha"));
            // same text: changed 0, distance exactly 0, nothing embedded
            assertThat(p.figures().drift().completionChanged()).contains(false);
            assertThat(p.figures().drift().baselineDistance()).isEqualTo(0.0);
            assertThat(embedder.calls).isEmpty();
        }

        @Test
        void differentTextFromBaseline() {
            RunResult run = analyze(List.of(r), oks(r, "alpha", "alpha", "alpha"),
                    stateWithBaseline("t1", "p1", baseline("gamma")));
            PromptResult p = promptResult(run, "t1", "p1");
            assertThat(p.baselineStatus()).isEqualTo(BaselineStatus.COMPARED);
            // alpha vs gamma: 1 - 3/5 = 0.4
            assertThat(p.figures().drift().completionChanged()).contains(true);
            assertThat(p.figures().drift().baselineDistance()).isCloseTo(0.4, within(EPS));
            // the replies agree, so only the common text and the baseline text are embedded
            assertThat(embedder.embeddedTexts()).containsExactlyInAnyOrder("alpha", "gamma");
        }

        @Test
        void baselineComparesTheMostCommonText() {
            RunResult run = analyze(List.of(r), oks(r, "beta", "alpha", "beta"),
                    stateWithBaseline("t1", "p1", baseline("alpha")));
            PromptFigures f = figures(run, "t1", "p1");
            // most common "beta" (2 of 3) vs baseline "alpha": changed 1, distance 1.0
            assertThat(f.agreement().mostCommonText()).isEqualTo("beta");
            assertThat(f.drift().completionChanged()).contains(true);
            assertThat(f.drift().baselineDistance()).isCloseTo(1.0, within(EPS));
            // alpha and beta embedded once each
            assertThat(embedder.embeddedTexts()).containsExactlyInAnyOrder("alpha", "beta");
        }

        @Test
        void tieBrokenMostCommonTextMatchingBaselineIsNoChange() {
            PlannedRequest r2 = PlannedRequest.of(t1, prompt("p1", 2));
            Baseline b = new Baseline(r2.bodyHash(), EMBED_MODEL, "alpha", "run-1", Instant.EPOCH);
            RunResult run = analyze(List.of(r2), oks(r2, "beta", "alpha"), stateWithBaseline("t1", "p1", b));
            PromptFigures f = figures(run, "t1", "p1");
            // tie 1/1 -> "alpha" == baseline -> 0, distance 0.0
            assertThat(f.drift().completionChanged()).contains(false);
            assertThat(f.drift().baselineDistance()).isEqualTo(0.0);
        }

        @Test
        void emptyTextAgainstBaseline() {
            RunResult run = analyze(List.of(r), oks(r, "", "", ""), stateWithBaseline("t1", "p1", baseline("alpha")));
            PromptFigures f = figures(run, "t1", "p1");
            // "" (zero vector) vs alpha: 1.0; changed 1
            assertThat(f.drift().completionChanged()).contains(true);
            assertThat(f.drift().baselineDistance()).isCloseTo(1.0, within(EPS));
        }

        @Test
        void requestChangedResetsTheBaseline() {
            Baseline old = new Baseline("sha256:0000", EMBED_MODEL, "alpha", "run-1", Instant.EPOCH);
            RunResult run = analyze(List.of(r), oks(r, "beta", "beta", "beta"), stateWithBaseline("t1", "p1", old));
            PromptResult p = promptResult(run, "t1", "p1");
            assertThat(p.baselineStatus()).isEqualTo(BaselineStatus.RESET_REQUEST_CHANGED);
            assertThat(p.figures().drift().completionChanged()).isEmpty();
            assertThat(p.figures().drift().baselineDistance()).isNull();
            // nothing to embed: replies identical and no comparable baseline
            assertThat(embedder.calls).isEmpty();
        }

        @Test
        void embeddingModelChangedResetsTheBaseline() {
            Baseline old = new Baseline(r.bodyHash(), "some-older-embedder", "alpha", "run-1", Instant.EPOCH);
            RunResult run = analyze(List.of(r), oks(r, "beta", "beta", "beta"), stateWithBaseline("t1", "p1", old));
            PromptResult p = promptResult(run, "t1", "p1");
            assertThat(p.baselineStatus()).isEqualTo(BaselineStatus.RESET_EMBEDDING_CHANGED);
            assertThat(p.figures().drift().completionChanged()).isEmpty();
            assertThat(p.figures().drift().baselineDistance()).isNull();
            assertThat(embedder.calls).isEmpty();
        }

        @Test
        void requestChangeWinsOverEmbeddingChange() {
            Baseline old = new Baseline("sha256:0000", "some-older-embedder", "alpha", "run-1", Instant.EPOCH);
            RunResult run = analyze(List.of(r), oks(r, "beta", "beta", "beta"), stateWithBaseline("t1", "p1", old));
            assertThat(promptResult(run, "t1", "p1").baselineStatus())
                    .isEqualTo(BaselineStatus.RESET_REQUEST_CHANGED);
        }

        @Test
        void allFailedWithBaselineHasNothingToCompare() {
            List<ReplayOutcome> outcomes = List.of(failed(r, 0, FailureReason.SERVER_ERROR),
                    failed(r, 1, FailureReason.SERVER_ERROR), failed(r, 2, FailureReason.SERVER_ERROR));
            RunResult run = analyze(List.of(r), outcomes, stateWithBaseline("t1", "p1", baseline("alpha")));
            PromptResult p = promptResult(run, "t1", "p1");
            assertThat(p.baselineStatus()).isEqualTo(BaselineStatus.NOTHING_TO_COMPARE);
            assertThat(p.figures().drift().completionChanged()).isEmpty();
            assertThat(p.figures().drift().baselineDistance()).isNull();
        }

        @Test
        void partialRunIsStillComparedWithWhatCameBack() {
            List<ReplayOutcome> outcomes = List.of(ok(r, 0, "gamma"), failed(r, 1, FailureReason.SERVER_ERROR),
                    ok(r, 2, "gamma"));
            RunResult run = analyze(List.of(r), outcomes, stateWithBaseline("t1", "p1", baseline("alpha")));
            PromptFigures f = figures(run, "t1", "p1");
            // gamma vs alpha: 0.4; changed 1
            assertThat(f.drift().completionChanged()).contains(true);
            assertThat(f.drift().baselineDistance()).isCloseTo(0.4, within(EPS));
            assertThat(f.counts().complete()).isFalse();
        }

        @Test
        void baselineOfAnotherPromptIsNotUsed() {
            RunResult run = analyze(List.of(r), oks(r, "alpha", "alpha", "alpha"),
                    stateWithBaseline("t1", "other-prompt", baseline("beta")));
            assertThat(promptResult(run, "t1", "p1").baselineStatus()).isEqualTo(BaselineStatus.NONE);
        }
    }

    // ---- embedder failure -----------------------------------------------------------------------------------

    @Nested
    class EmbedderFailure {

        @Test
        void distancesAreAbsentButTextFiguresRemain() {
            embedder.failure = new IllegalStateException("model file missing");
            PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 3));
            PlannedRequest same = PlannedRequest.of(t1, prompt("p2", 2));
            Baseline b = new Baseline(r.bodyHash(), EMBED_MODEL, "beta", "run-1", Instant.EPOCH);
            List<ReplayOutcome> outcomes = new ArrayList<>(oks(r, "alpha", "alpha", "gamma"));
            outcomes.addAll(oks(same, "beta", "beta"));
            RunResult run = analyze(List.of(r, same), outcomes, stateWithBaseline("t1", "p1", b));
            // the embedder was asked (and threw)
            assertThat(embedder.calls).hasSize(1);
            PromptFigures f = figures(run, "t1", "p1");
            assertThat(f.distances().mean()).isNull();
            assertThat(f.distances().max()).isNull();
            assertThat(f.distances().firstToRest()).isNull();
            assertThat(f.drift().baselineDistance()).isNull();
            // text figures still there: most common alpha (2/3) differs from baseline beta -> 1
            assertThat(f.drift().completionChanged()).contains(true);
            assertThat(f.agreement().exactMatchRatio()).isCloseTo(2.0 / 3, within(EPS));
            assertThat(f.agreement().uniqueCompletions()).isEqualTo(2);
            assertThat(f.agreement().commonPrefixChars()).isEqualTo(0);
            assertThat(f.counts().complete()).isTrue();
            // p2's replies are identical; its distance figures are deliberately not asserted here (see the report:
            // the contract says identical texts need no embedding, the code drops them too when embedding fails)
            PromptFigures g = figures(run, "t1", "p2");
            assertThat(g.agreement().exactMatchRatio()).isEqualTo(1.0);
            assertThat(g.agreement().agreeing()).isTrue();
            assertThat(run.problems()).isNotEmpty();
            assertThat(run.problems().get(0)).contains(EMBED_MODEL);
            // measured 2, agreeing 1 (p2)
            assertThat(targetFigures(run, "t1").agreement().ratio()).isEqualTo(0.5);
        }

        @Test
        void vectorsOfDifferentDimensionsLeaveDistancesAbsentAndSaySo() {
            VECTORS.put("four", new float[] { 1, 0, 0, 0 });
            try {
                PlannedRequest r = PlannedRequest.of(t1, prompt("p1", 2));
                RunResult run = analyze(List.of(r), oks(r, "alpha", "four"), State.empty());
                PromptFigures f = figures(run, "t1", "p1");
                assertThat(f.distances().mean()).isNull();
                assertThat(f.distances().max()).isNull();
                assertThat(f.agreement().uniqueCompletions()).isEqualTo(2);
                assertThat(run.problems()).singleElement().asString().contains(EMBED_MODEL)
                        .contains("different dimensions");
            } finally {
                VECTORS.remove("four");
            }
        }
    }
}
