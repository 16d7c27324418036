package dev.seedwatch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.seedwatch.analysis.BackendRecord;
import dev.seedwatch.analysis.Baseline;
import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.State;
import dev.seedwatch.analysis.TokenTotals;
import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.provider.TokenLogprob;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.BuildState;

class RunMetricsTest {

    /** A behaviour-change share other than the default, so that the exported one is seen to be the run's. */
    static final double SHARE = 0.6;

    private static final double EPS = 1e-9;
    private static final String EMBED_MODEL = "fake-embed-v1";

    private static final Set<String> RUN_LABELS = Set.of("suite");
    private static final Set<String> RUN_LABELS_SHARDED = Set.of("suite", "shard");
    private static final Set<String> TARGET_LABELS = Set.of("suite", "target", "model");
    private static final Set<String> PROMPT_LABELS = Set.of("suite", "target", "model", "prompt");

    // ---- a tiny Prometheus text-format parser ---------------------------------------------------------------

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static final class Exposition {
        final List<Sample> samples = new ArrayList<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final Map<String, String> helps = new LinkedHashMap<>();
        final String text;

        Exposition(String text) {
            this.text = text;
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("# TYPE ")) {
                    String[] p = line.substring(7).split(" ", 2);
                    types.put(p[0], p[1].trim());
                } else if (line.startsWith("# HELP ")) {
                    String[] p = line.substring(7).split(" ", 2);
                    helps.put(p[0], p.length > 1 ? p[1] : "");
                } else if (line.startsWith("#")) {
                    continue;
                } else {
                    samples.add(parseSample(line));
                }
            }
        }

        static Sample parseSample(String line) {
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name;
            Map<String, String> labels = new TreeMap<>();
            String rest;
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int i = brace + 1;
                while (line.charAt(i) != '}') {
                    int eq = line.indexOf('=', i);
                    String key = line.substring(i, eq).trim();
                    int j = eq + 2; // skip ="
                    StringBuilder value = new StringBuilder();
                    while (line.charAt(j) != '"') {
                        char c = line.charAt(j);
                        if (c == '\\') {
                            char n = line.charAt(++j);
                            value.append(n == 'n' ? '\n' : n);
                        } else {
                            value.append(c);
                        }
                        j++;
                    }
                    labels.put(key, value.toString());
                    i = j + 1;
                    if (line.charAt(i) == ',') {
                        i++;
                    }
                }
                rest = line.substring(i + 1).trim();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).trim();
            }
            String valueText = rest.split(" ")[0];
            return new Sample(name, labels, Double.parseDouble(valueText));
        }

        List<Sample> series(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }

        boolean has(String name) {
            return !series(name).isEmpty();
        }

        Sample only(String name) {
            List<Sample> s = series(name);
            assertThat(s).as("series of %s", name).hasSize(1);
            return s.get(0);
        }

        Sample one(String name, Map<String, String> labelSubset) {
            List<Sample> s = series(name).stream()
                    .filter(x -> x.labels().entrySet().containsAll(labelSubset.entrySet())).toList();
            assertThat(s).as("series of %s with %s", name, labelSubset).hasSize(1);
            return s.get(0);
        }

        double value(String name) {
            return only(name).value();
        }
    }

    // ---- builders -------------------------------------------------------------------------------------------

    static final Map<String, float[]> VECTORS = new HashMap<>();
    static {
        // d(alpha,beta) = 1.0; d(alpha,gamma) = 1 - 3/5 = 0.4; d(beta,gamma) = 1 - 4/5 = 0.2
        VECTORS.put("alpha", new float[] { 1, 0, 0 });
        VECTORS.put("beta", new float[] { 0, 1, 0 });
        VECTORS.put("gamma", new float[] { 3, 4, 0 });
    }

    static final Embedder EMBEDDER = new Embedder() {
        @Override
        public String modelId() {
            return EMBED_MODEL;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> {
                float[] v = VECTORS.get(t);
                if (v == null) {
                    throw new AssertionError("no vector for " + t);
                }
                return v;
            }).toList();
        }
    };

    static Target target(String name, String model) {
        return Build.target(name).model(model).build();
    }

    static Prompt prompt(String id, int replays, Expectation expect) {
        return Build.prompt(id).user("About " + id).expect(expect).replays(replays).build();
    }

    static ReplayOutcome ok(PlannedRequest r, int index, String text, Fingerprint fp, String served, long pt,
            long ct, double latency) {
        return Build.reply(r, index, text).fingerprint(fp).servedModel(served).usage(pt, ct).latency(latency).build();
    }

    static ReplayOutcome ok(PlannedRequest r, int index, String text) {
        return ok(r, index, text, Fingerprint.of("fp_a"), "gpt-test-0613", 10, 20, 0.3);
    }

    static ReplayOutcome failed(PlannedRequest r, int index, FailureReason reason) {
        return Build.failed(r, index, 2, reason, null, "nope");
    }

    static RunAnalyzer.RunInfo info(Shard shard) {
        // 03:00:00 -> 03:01:30 = 90 s; finished at 2025-01-02T03:01:30Z = 1735786890 s
        return new RunAnalyzer.RunInfo("run-2", "nightly", shard, Instant.parse("2025-01-02T03:00:00Z"),
                Instant.parse("2025-01-02T03:01:30Z"), false);
    }

    static RunResult analyze(Shard shard, List<PlannedRequest> plan, List<ReplayOutcome> outcomes, State previous) {
        return new RunAnalyzer(EMBEDDER, 3, SHARE).analyze(info(shard), plan, outcomes, previous);
    }

    static Exposition expose(RunResult run, boolean success, Double lastSuccess) {
        return new Exposition(RunMetrics.of(run, success, lastSuccess).text());
    }

    private final Target t1 = target("t1", "gpt-test");

    /**
     * A full run: prompt p1 (3 replays: alpha, alpha, gamma; baseline gamma with the same request), prompt p2 (2
     * replays: beta, then a timeout), with backend history and token totals.
     */
    private RunResult fullRun(Shard shard) {
        PlannedRequest p1 = PlannedRequest.of(t1, prompt("p1", 3, Expectation.DETERMINISTIC));
        PlannedRequest p2 = PlannedRequest.of(t1, prompt("p2", 2, Expectation.NONDETERMINISTIC));
        List<ReplayOutcome> outcomes = List.of(
                ok(p1, 0, "alpha", Fingerprint.of("fp_a"), "gpt-test-0613", 10, 20, 0.3),
                ok(p1, 1, "alpha", Fingerprint.of("fp_b"), "gpt-test-0613", 10, 20, 0.7),
                ok(p1, 2, "gamma", Fingerprint.NULL, "gpt-test-0613", 10, 20, 1.5),
                ok(p2, 0, "beta", Fingerprint.of("fp_a"), "gpt-test-0613", 5, 6, 3.0),
                failed(p2, 1, FailureReason.TIMEOUT));
        State previous = BuildState.state()
                .baseline("t1", "p1", new Baseline(p1.bodyHash(), EMBED_MODEL, "gamma", "run-1",
                        Instant.parse("2025-01-01T03:01:00Z")))
                .backends("t1", List.of(new BackendRecord("run-1", "gpt-test", List.of("fp_a", "fp_old"),
                        List.of("gpt-test-0613"))))
                .tokens("t1", new TokenTotals(1000, 2000)).lastSuccess(1735700000.0).build();
        return analyze(shard, List.of(p1, p2), outcomes, previous);
    }

    // ---- tests ----------------------------------------------------------------------------------------------

    @Test
    void perPromptSeriesWithTheirLabelsAndValues() {
        Exposition e = expose(fullRun(Shard.ALL), true, 1735786890.0);
        Map<String, String> p1 = Map.of("suite", "nightly", "target", "t1", "model", "gpt-test", "prompt", "p1");
        Map<String, String> p2 = Map.of("suite", "nightly", "target", "t1", "model", "gpt-test", "prompt", "p2");

        for (String name : List.of("seedwatch_replays", "seedwatch_exact_match_ratio", "seedwatch_unique_completions",
                "seedwatch_common_prefix_chars")) {
            assertThat(e.series(name)).as(name).hasSize(2)
                    .allSatisfy(s -> assertThat(s.labels().keySet()).isEqualTo(PROMPT_LABELS));
        }
        // p1: replays 3; alpha 2/3; unique 2; prefix "alpha"/"gamma" = 0
        assertThat(e.one("seedwatch_replays", p1).labels()).isEqualTo(p1);
        assertThat(e.one("seedwatch_replays", p1).value()).isEqualTo(3.0);
        assertThat(e.one("seedwatch_exact_match_ratio", p1).value()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(e.one("seedwatch_unique_completions", p1).value()).isEqualTo(2.0);
        assertThat(e.one("seedwatch_common_prefix_chars", p1).value()).isEqualTo(0.0);
        // p1 distances: (alpha,alpha)=0, (alpha,gamma)=0.4 x2 -> mean 0.8/3, max 0.4
        assertThat(e.only("seedwatch_replay_distance_mean").labels()).isEqualTo(p1);
        assertThat(e.value("seedwatch_replay_distance_mean")).isCloseTo(0.8 / 3, within(EPS));
        assertThat(e.only("seedwatch_replay_distance_max").labels()).isEqualTo(p1);
        assertThat(e.value("seedwatch_replay_distance_max")).isCloseTo(0.4, within(EPS));
        // p1 vs baseline gamma: most common alpha differs -> changed 1, distance 0.4
        assertThat(e.only("seedwatch_completion_changed").labels()).isEqualTo(p1);
        assertThat(e.value("seedwatch_completion_changed")).isEqualTo(1.0);
        assertThat(e.only("seedwatch_baseline_distance").labels()).isEqualTo(p1);
        assertThat(e.value("seedwatch_baseline_distance")).isCloseTo(0.4, within(EPS));
        // p2: 1 success "beta" of 2 planned: ratio 1/1 = 1, unique 1, prefix "beta" = 4; 1 timeout
        assertThat(e.one("seedwatch_replays", p2).value()).isEqualTo(2.0);
        assertThat(e.one("seedwatch_exact_match_ratio", p2).value()).isEqualTo(1.0);
        assertThat(e.one("seedwatch_unique_completions", p2).value()).isEqualTo(1.0);
        assertThat(e.one("seedwatch_common_prefix_chars", p2).value()).isEqualTo(4.0);
        // failures: only p2's timeout
        Sample failure = e.only("seedwatch_replay_failures");
        assertThat(failure.labels()).isEqualTo(withLabel(p2, "reason", "timeout"));
        assertThat(failure.value()).isEqualTo(1.0);
        // prompt_info: 1 each, with expect
        assertThat(e.series("seedwatch_prompt_info")).hasSize(2);
        assertThat(e.one("seedwatch_prompt_info", p1).labels()).isEqualTo(withLabel(p1, "expect", "deterministic"));
        assertThat(e.one("seedwatch_prompt_info", p1).value()).isEqualTo(1.0);
        assertThat(e.one("seedwatch_prompt_info", p2).labels())
                .isEqualTo(withLabel(p2, "expect", "nondeterministic"));
    }

    @Test
    void perTargetSeriesWithTheirLabelsAndValues() {
        Exposition e = expose(fullRun(Shard.ALL), true, 1735786890.0);
        Map<String, String> t = Map.of("suite", "nightly", "target", "t1", "model", "gpt-test");

        // successful replays: fp_a x2 (p1#0, p2#0), fp_b x1, none x1 (Fingerprint.NULL)
        assertThat(e.series("seedwatch_fingerprint_info")).hasSize(3)
                .allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
        assertThat(e.series("seedwatch_fingerprint_info")).extracting(s -> s.labels().get("fingerprint"))
                .containsExactlyInAnyOrder("fp_a", "fp_b", "none");
        assertThat(e.one("seedwatch_fingerprint_info", Map.of("fingerprint", "fp_a")).labels())
                .isEqualTo(withLabel(t, "fingerprint", "fp_a"));
        assertThat(e.one("seedwatch_fingerprint_replays", Map.of("fingerprint", "fp_a")).value()).isEqualTo(2.0);
        assertThat(e.one("seedwatch_fingerprint_replays", Map.of("fingerprint", "fp_b")).value()).isEqualTo(1.0);
        assertThat(e.one("seedwatch_fingerprint_replays", Map.of("fingerprint", "none")).value()).isEqualTo(1.0);
        assertThat(e.one("seedwatch_fingerprint_replays", Map.of("fingerprint", "none")).labels())
                .isEqualTo(withLabel(t, "fingerprint", "none"));
        // previous run saw fp_a, fp_old
        assertThat(e.series("seedwatch_previous_fingerprint_info")).extracting(s -> s.labels())
                .containsExactlyInAnyOrder(withLabel(t, "fingerprint", "fp_a"), withLabel(t, "fingerprint", "fp_old"));
        // 3 distinct this run
        assertThat(e.only("seedwatch_fingerprints").labels()).isEqualTo(t);
        assertThat(e.value("seedwatch_fingerprints")).isEqualTo(3.0);
        // fp_b and none were not in {fp_a, fp_old} -> 1
        assertThat(e.only("seedwatch_fingerprint_changed").labels()).isEqualTo(t);
        assertThat(e.value("seedwatch_fingerprint_changed")).isEqualTo(1.0);
        // served model gpt-test-0613 only, seen before -> 0
        assertThat(e.only("seedwatch_served_model_info").labels())
                .isEqualTo(withLabel(t, "served_model", "gpt-test-0613"));
        assertThat(e.value("seedwatch_served_model_info")).isEqualTo(1.0);
        assertThat(e.only("seedwatch_served_model_changed").labels()).isEqualTo(t);
        assertThat(e.value("seedwatch_served_model_changed")).isEqualTo(0.0);
        // p1 complete (not agreeing), p2 incomplete -> measured 1, agreeing 0, ratio 0/1 = 0
        assertThat(e.only("seedwatch_prompts_measured").labels()).isEqualTo(t);
        assertThat(e.value("seedwatch_prompts_measured")).isEqualTo(1.0);
        assertThat(e.value("seedwatch_prompts_agreeing")).isEqualTo(0.0);
        assertThat(e.only("seedwatch_total_agreement_ratio").labels()).isEqualTo(t);
        assertThat(e.value("seedwatch_total_agreement_ratio")).isEqualTo(0.0);
        // the share behaviour_changed was computed with, for the alert to recompute it over shards
        assertThat(e.only("seedwatch_behaviour_change_share").labels()).isEqualTo(t);
        assertThat(e.value("seedwatch_behaviour_change_share")).isEqualTo(SHARE);
        // latency histogram of the 4 successful replays: 0.3, 0.7, 1.5, 3.0 -> count 4, sum 5.5
        Sample count = e.only("seedwatch_request_duration_seconds_count");
        assertThat(count.labels()).isEqualTo(t);
        assertThat(count.value()).isEqualTo(4.0);
        assertThat(e.value("seedwatch_request_duration_seconds_sum")).isCloseTo(5.5, within(1e-6));
        // le=1.0 holds 0.3 and 0.7 -> 2; le=+Inf -> 4
        assertThat(e.one("seedwatch_request_duration_seconds_bucket", Map.of("le", "1.0")).value()).isEqualTo(2.0);
        assertThat(e.one("seedwatch_request_duration_seconds_bucket", Map.of("le", "+Inf")).value()).isEqualTo(4.0);
        assertThat(e.types.get("seedwatch_request_duration_seconds")).isEqualTo("histogram");
    }

    @Test
    void tokensAreAGaugeAndTokensTotalACounter() {
        Exposition e = expose(fullRun(Shard.ALL), true, 1735786890.0);
        Map<String, String> t = Map.of("suite", "nightly", "target", "t1", "model", "gpt-test");
        assertThat(e.types.get("seedwatch_tokens")).isEqualTo("gauge");
        assertThat(e.types.get("seedwatch_tokens_total")).isEqualTo("counter");
        assertThat(e.text).contains("# TYPE seedwatch_tokens gauge\n").contains("# TYPE seedwatch_tokens_total counter\n");
        // this run: prompt 10+10+10+5 = 35, completion 20+20+20+6 = 66 (the timeout has no usage)
        assertThat(e.series("seedwatch_tokens")).hasSize(2);
        assertThat(e.one("seedwatch_tokens", Map.of("type", "prompt")).labels()).isEqualTo(withLabel(t, "type", "prompt"));
        assertThat(e.one("seedwatch_tokens", Map.of("type", "prompt")).value()).isEqualTo(35.0);
        assertThat(e.one("seedwatch_tokens", Map.of("type", "completion")).value()).isEqualTo(66.0);
        // totals: 1000 + 35 = 1035, 2000 + 66 = 2066
        assertThat(e.series("seedwatch_tokens_total")).hasSize(2);
        assertThat(e.one("seedwatch_tokens_total", Map.of("type", "prompt")).labels())
                .isEqualTo(withLabel(t, "type", "prompt"));
        assertThat(e.one("seedwatch_tokens_total", Map.of("type", "prompt")).value()).isEqualTo(1035.0);
        assertThat(e.one("seedwatch_tokens_total", Map.of("type", "completion")).value()).isEqualTo(2066.0);
    }

    @Test
    void tokenTotalsSurviveAGarbageCollection() {
        RunMetrics metrics = RunMetrics.of(fullRun(Shard.ALL), true, 1735786890.0);
        System.gc();
        Exposition e = new Exposition(metrics.text());
        // 1035 is no cached Long: held only weakly, it would read 0 once collected
        assertThat(e.one("seedwatch_tokens_total", Map.of("type", "prompt")).value()).isEqualTo(1035.0);
        assertThat(e.one("seedwatch_tokens_total", Map.of("type", "completion")).value()).isEqualTo(2066.0);
    }

    @Test
    void theRunPageIsExportedOnlyWhereItIsServed() {
        RunResult run = fullRun(Shard.ALL);
        Exposition linked = new Exposition(RunMetrics.of(run, true, 1735786890.0)
                .withRunPage(Optional.of("https://seedwatch.example/runs/latest"), run).text());
        Exposition plain = new Exposition(RunMetrics.of(run, true, 1735786890.0).withRunPage(Optional.empty(), run)
                .text());

        assertThat(linked.one("seedwatch_run_page_info", Map.of()).labels())
                .isEqualTo(Map.of("suite", "nightly", "url", "https://seedwatch.example/runs/latest"));
        assertThat(plain.series("seedwatch_run_page_info")).isEmpty();
    }

    @Test
    void familiesSharingABaseNameComeInTypeOrder() {
        String text = RunMetrics.of(fullRun(Shard.ALL), true, 1735786890.0).text();
        assertThat(text.indexOf("# TYPE seedwatch_tokens_total counter"))
                .isLessThan(text.indexOf("# TYPE seedwatch_tokens gauge"));
    }

    @Test
    void perRunSeries() {
        Exposition e = expose(fullRun(Shard.ALL), true, 1735786890.0);
        for (String name : List.of("seedwatch_run_success", "seedwatch_run_duration_seconds",
                "seedwatch_last_run_timestamp_seconds", "seedwatch_last_success_timestamp_seconds")) {
            assertThat(e.only(name).labels()).as(name).isEqualTo(Map.of("suite", "nightly"));
            assertThat(e.only(name).labels().keySet()).isEqualTo(RUN_LABELS);
        }
        assertThat(e.value("seedwatch_run_success")).isEqualTo(1.0);
        // 03:00:00 -> 03:01:30 = 90 s
        assertThat(e.value("seedwatch_run_duration_seconds")).isEqualTo(90.0);
        // 2025-01-02T03:01:30Z = 1735786890
        assertThat(e.value("seedwatch_last_run_timestamp_seconds")).isEqualTo(1735786890.0);
        assertThat(e.value("seedwatch_last_success_timestamp_seconds")).isEqualTo(1735786890.0);
    }

    @Test
    void failedRunReportsZeroAndTheCarriedLastSuccess() {
        Exposition e = expose(fullRun(Shard.ALL), false, 1735700000.0);
        assertThat(e.value("seedwatch_run_success")).isEqualTo(0.0);
        // carried value as given
        assertThat(e.value("seedwatch_last_success_timestamp_seconds")).isEqualTo(1735700000.0);
    }

    @Test
    void noLastSuccessMeansNoSeries() {
        Exposition e = expose(fullRun(Shard.ALL), false, null);
        assertThat(e.has("seedwatch_last_success_timestamp_seconds")).isFalse();
        assertThat(e.text).doesNotContain("seedwatch_last_success_timestamp_seconds{");
        // the other run series are still there
        assertThat(e.value("seedwatch_run_success")).isEqualTo(0.0);
        assertThat(e.has("seedwatch_last_run_timestamp_seconds")).isTrue();
    }

    @Test
    void shardLabelOnlyWhenSharded() {
        Exposition sharded = expose(fullRun(new Shard(1, 3)), true, 1.0);
        for (String name : List.of("seedwatch_run_success", "seedwatch_run_duration_seconds",
                "seedwatch_last_run_timestamp_seconds", "seedwatch_last_success_timestamp_seconds")) {
            assertThat(sharded.only(name).labels()).as(name).isEqualTo(Map.of("suite", "nightly", "shard", "1"));
            assertThat(sharded.only(name).labels().keySet()).isEqualTo(RUN_LABELS_SHARDED);
        }
        // per-target and per-prompt series carry no shard label
        assertThat(sharded.series("seedwatch_replays"))
                .allSatisfy(s -> assertThat(s.labels().keySet()).isEqualTo(PROMPT_LABELS));
        assertThat(sharded.only("seedwatch_prompts_measured").labels().keySet()).isEqualTo(TARGET_LABELS);

        Exposition single = expose(fullRun(new Shard(0, 1)), true, 1.0);
        assertThat(single.samples).allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("shard"));
    }

    @Test
    void undefinedFiguresAreAbsentNeverNaN() {
        // all replays failed, no baseline, no backend history
        PlannedRequest p1 = PlannedRequest.of(t1, prompt("p1", 3, Expectation.DETERMINISTIC));
        RunResult run = analyze(Shard.ALL, List.of(p1), List.of(failed(p1, 0, FailureReason.RATE_LIMITED),
                failed(p1, 1, FailureReason.RATE_LIMITED), failed(p1, 2, FailureReason.SERVER_ERROR)), State.empty());
        Exposition e = expose(run, false, null);
        for (String absent : List.of("seedwatch_exact_match_ratio", "seedwatch_unique_completions",
                "seedwatch_replay_distance_mean", "seedwatch_replay_distance_max", "seedwatch_common_prefix_chars",
                "seedwatch_baseline_distance", "seedwatch_completion_changed", "seedwatch_fingerprint_changed",
                "seedwatch_served_model_changed", "seedwatch_total_agreement_ratio", "seedwatch_fingerprint_info",
                "seedwatch_fingerprint_replays", "seedwatch_previous_fingerprint_info", "seedwatch_served_model_info",
                "seedwatch_last_success_timestamp_seconds")) {
            assertThat(e.has(absent)).as(absent + " must be absent").isFalse();
        }
        assertThat(e.text).doesNotContainIgnoringCase("nan");
        assertThat(e.samples).allSatisfy(s -> assertThat(Double.isNaN(s.value())).isFalse());
        // defined counts are still there: replays 3, fingerprints 0, measured 0, agreeing 0, tokens 0
        assertThat(e.value("seedwatch_replays")).isEqualTo(3.0);
        assertThat(e.value("seedwatch_fingerprints")).isEqualTo(0.0);
        assertThat(e.value("seedwatch_prompts_measured")).isEqualTo(0.0);
        assertThat(e.value("seedwatch_prompts_agreeing")).isEqualTo(0.0);
        assertThat(e.one("seedwatch_tokens", Map.of("type", "prompt")).value()).isEqualTo(0.0);
        assertThat(e.value("seedwatch_run_success")).isEqualTo(0.0);
    }

    @Test
    void oneReplayHasNoDistanceSeries() {
        PlannedRequest p1 = PlannedRequest.of(t1, prompt("p1", 1, Expectation.DETERMINISTIC));
        Exposition e = expose(analyze(Shard.ALL, List.of(p1), List.of(ok(p1, 0, "alpha")), State.empty()), true, 1.0);
        // distances need >= 2 successful replays
        assertThat(e.has("seedwatch_replay_distance_mean")).isFalse();
        assertThat(e.has("seedwatch_replay_distance_max")).isFalse();
        // ratio 1/1, unique 1, prefix "alpha" = 5, TARr 1/1
        assertThat(e.value("seedwatch_exact_match_ratio")).isEqualTo(1.0);
        assertThat(e.value("seedwatch_unique_completions")).isEqualTo(1.0);
        assertThat(e.value("seedwatch_common_prefix_chars")).isEqualTo(5.0);
        assertThat(e.value("seedwatch_total_agreement_ratio")).isEqualTo(1.0);
        assertThat(e.has("seedwatch_replay_failures")).isFalse();
    }

    @Test
    void failureSeriesOnlyForReasonsThatOccurred() {
        PlannedRequest p1 = PlannedRequest.of(t1, prompt("p1", 5, Expectation.DETERMINISTIC));
        RunResult run = analyze(Shard.ALL, List.of(p1),
                List.of(ok(p1, 0, "alpha"), failed(p1, 1, FailureReason.RATE_LIMITED),
                        failed(p1, 2, FailureReason.CONTENT_FILTER), failed(p1, 3, FailureReason.RATE_LIMITED)),
                State.empty());
        Exposition e = expose(run, false, null);
        // rate_limited x2, content_filter x1, and the 5th replay never came back: cancelled x1
        Map<String, Double> byReason = new TreeMap<>();
        e.series("seedwatch_replay_failures").forEach(s -> byReason.put(s.labels().get("reason"), s.value()));
        assertThat(byReason).isEqualTo(Map.of("rate_limited", 2.0, "content_filter", 1.0, "cancelled", 1.0));
        assertThat(e.series("seedwatch_replay_failures")).allSatisfy(
                s -> assertThat(s.labels().keySet()).isEqualTo(Set.of("suite", "target", "model", "prompt", "reason")));
    }

    @Test
    void loadProbeAndTokenSeriesWithTheirDefinitionsAsHelp() {
        Target local = Build.target("t1").model("gpt-test").logprobs(2).build();
        PlannedRequest p1 = PlannedRequest.of(local, Build.prompt("p1").replays(2).loadProbe(true).build());
        // burst: "alpha" = a|b (gaps 1.0, 0.5), "gamma" = a|c: they part at token 1
        List<TokenLogprob> alpha = List.of(new TokenLogprob("a", -0.1, List.of(-0.1, -1.1)),
                new TokenLogprob("b", -0.5, List.of(-0.5, -1.0)));
        List<TokenLogprob> gamma = List.of(alpha.get(0), new TokenLogprob("c", -0.5, List.of(-0.5, -1.0)));
        List<ReplayOutcome> outcomes = List.of(
                Build.reply(p1, 0, "alpha").tokens(alpha).phase(ReplayPhase.ISOLATED).build(),
                Build.reply(p1, 1, "alpha").tokens(alpha).phase(ReplayPhase.ISOLATED).build(),
                Build.reply(p1, 0, "alpha").tokens(alpha).phase(ReplayPhase.BURST).build(),
                Build.reply(p1, 1, "gamma").tokens(gamma).phase(ReplayPhase.BURST).build());

        Exposition e = expose(analyze(Shard.ALL, List.of(p1), outcomes, State.empty()), true, 1.0);

        assertThat(e.value("seedwatch_replays")).isEqualTo(4.0);
        assertThat(e.value("seedwatch_unique_completions")).isEqualTo(2.0);
        assertThat(e.value("seedwatch_isolated_unique_completions")).isEqualTo(1.0);
        assertThat(e.value("seedwatch_isolated_exact_match_ratio")).isEqualTo(1.0);
        assertThat(e.value("seedwatch_load_sensitive")).isEqualTo(1.0);
        assertThat(e.value("seedwatch_load_sensitive_runs")).isEqualTo(1.0);
        assertThat(e.value("seedwatch_first_divergence_token")).isEqualTo(1.0);
        assertThat(e.value("seedwatch_divergence_margin")).isCloseTo(0.5, within(1e-12));
        assertThat(e.value("seedwatch_min_token_margin")).isCloseTo(0.5, within(1e-12));
        for (String name : List.of("seedwatch_isolated_unique_completions", "seedwatch_load_sensitive",
                "seedwatch_first_divergence_token", "seedwatch_min_token_margin")) {
            assertThat(e.series(name)).singleElement()
                    .satisfies(s -> assertThat(s.labels().keySet()).isEqualTo(PROMPT_LABELS));
        }
        assertThat(e.helps.get("seedwatch_load_sensitive"))
                .isEqualTo("1 if the isolated replays were all identical and the burst replays were not, else 0");
        assertThat(e.helps.get("seedwatch_first_divergence_token")).isEqualTo("Number of leading tokens shared by "
                + "all successful replies (the index of the first token where they differ)");
    }

    @Test
    void aPromptWithoutProbeOrLogprobsHasNoSuchSeries() {
        Exposition e = expose(fullRun(Shard.ALL), true, 1.0);
        for (String absent : List.of("seedwatch_isolated_unique_completions", "seedwatch_isolated_exact_match_ratio",
                "seedwatch_load_sensitive", "seedwatch_load_sensitive_runs", "seedwatch_first_divergence_token",
                "seedwatch_divergence_margin", "seedwatch_min_token_margin")) {
            assertThat(e.has(absent)).as(absent).isFalse();
        }
    }

    @Test
    void everyFamilyHasHelpAndType() {
        Exposition e = expose(fullRun(Shard.ALL), true, 1735786890.0);
        assertThat(e.samples).isNotEmpty();
        for (Sample s : e.samples) {
            String family = familyOf(e, s.name());
            assertThat(e.helps).as("HELP for %s", s.name()).containsKey(family);
            assertThat(e.helps.get(family)).as("HELP text for %s", family).isNotBlank();
            assertThat(e.types).as("TYPE for %s", s.name()).containsKey(family);
        }
        // all contract gauges are typed gauge
        for (String gauge : List.of("seedwatch_prompt_info", "seedwatch_replays", "seedwatch_replay_failures",
                "seedwatch_exact_match_ratio", "seedwatch_unique_completions", "seedwatch_replay_distance_mean",
                "seedwatch_replay_distance_max", "seedwatch_common_prefix_chars", "seedwatch_baseline_distance",
                "seedwatch_completion_changed", "seedwatch_fingerprint_info", "seedwatch_fingerprint_replays",
                "seedwatch_previous_fingerprint_info", "seedwatch_fingerprints", "seedwatch_fingerprint_changed",
                "seedwatch_served_model_info", "seedwatch_served_model_changed", "seedwatch_prompts_measured",
                "seedwatch_prompts_agreeing", "seedwatch_total_agreement_ratio", "seedwatch_tokens",
                "seedwatch_run_success", "seedwatch_run_duration_seconds", "seedwatch_last_run_timestamp_seconds",
                "seedwatch_last_success_timestamp_seconds")) {
            assertThat(e.types.get(gauge)).as("TYPE of %s", gauge).isEqualTo("gauge");
        }
    }

    @Test
    void meterSetIsRebuiltForEachRun() {
        PlannedRequest p1 = PlannedRequest.of(t1, prompt("p1", 1, Expectation.DETERMINISTIC));
        PlannedRequest p2 = PlannedRequest.of(t1, prompt("p2", 1, Expectation.DETERMINISTIC));
        RunResult first = analyze(Shard.ALL, List.of(p1, p2),
                List.of(ok(p1, 0, "alpha", Fingerprint.of("fp_old"), "m", 1, 1, 0.1), ok(p2, 0, "beta")),
                State.empty());
        RunResult second = analyze(Shard.ALL, List.of(p1), List.of(ok(p1, 0, "alpha")), State.empty());
        Exposition a = expose(first, true, 1.0);
        Exposition b = expose(second, true, 1.0);
        assertThat(a.series("seedwatch_replays")).hasSize(2);
        // p2 removed and fp_old vanished: no series left behind
        assertThat(b.series("seedwatch_replays")).extracting(s -> s.labels().get("prompt")).containsExactly("p1");
        assertThat(b.series("seedwatch_fingerprint_info")).extracting(s -> s.labels().get("fingerprint"))
                .containsExactly("fp_a");
    }

    @Test
    void twoTargetsGetTheirOwnSeries() {
        Target t2 = target("t2", "gpt-other");
        PlannedRequest a = PlannedRequest.of(t1, prompt("p1", 1, Expectation.DETERMINISTIC));
        PlannedRequest b = PlannedRequest.of(t2, prompt("p1", 1, Expectation.DETERMINISTIC));
        RunResult run = analyze(Shard.ALL, List.of(a, b), List.of(ok(a, 0, "alpha"),
                ok(b, 0, "beta", Fingerprint.of("fp_z"), "gpt-other-1", 3, 4, 0.2)), State.empty());
        Exposition e = expose(run, true, 1.0);
        assertThat(e.series("seedwatch_prompts_measured")).extracting(Sample::labels).containsExactlyInAnyOrder(
                Map.of("suite", "nightly", "target", "t1", "model", "gpt-test"),
                Map.of("suite", "nightly", "target", "t2", "model", "gpt-other"));
        // t2 tokens: 3 prompt, totals 0 + 3 = 3
        assertThat(e.one("seedwatch_tokens", Map.of("target", "t2", "type", "prompt")).value()).isEqualTo(3.0);
        assertThat(e.one("seedwatch_tokens_total", Map.of("target", "t2", "type", "prompt")).value()).isEqualTo(3.0);
        assertThat(e.one("seedwatch_fingerprint_info", Map.of("target", "t2")).labels().get("fingerprint"))
                .isEqualTo("fp_z");
    }

    private static Map<String, String> withLabel(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new HashMap<>(labels);
        out.put(key, value);
        return out;
    }

    /** The family a sample belongs to: histogram samples carry _bucket/_count/_sum suffixes. */
    private static String familyOf(Exposition e, String sampleName) {
        if (e.types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (e.types.containsKey(base)) {
                    return base;
                }
            }
        }
        return sampleName;
    }
}
