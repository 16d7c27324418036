package dev.seedwatch.export;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;

import dev.seedwatch.analysis.AnswerFigures;
import dev.seedwatch.analysis.AnswerTargetFigures;
import dev.seedwatch.analysis.GoldenFigures;
import dev.seedwatch.analysis.GoldenTargetFigures;
import dev.seedwatch.analysis.LoadProbeFigures;
import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.TargetFigures;
import dev.seedwatch.analysis.TargetResult;
import dev.seedwatch.analysis.TokenFigures;

/**
 * The metrics of one run, in a registry built for that run only (as blackbox_exporter builds one per probe): a
 * removed prompt or a vanished fingerprint leaves no series behind. Each metric's definition is its HELP text.
 */
public final class RunMetrics {

    /** Latency buckets sized for LLM calls: from a cached local model to a long completion. */
    static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120) };

    private final PrometheusMeterRegistry gauges = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // seedwatch_tokens (gauge) and seedwatch_tokens_total (counter) share a base name, which one Micrometer
    // registry refuses; the counter lives in a registry of its own and both are exposed together.
    private final PrometheusMeterRegistry counters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CollectorRegistry exposed = new CollectorRegistry();
    private final List<AtomicLong> counterValues = new ArrayList<>();

    private RunMetrics() {
        for (PrometheusMeterRegistry registry : List.of(gauges, counters)) {
            new Collector() {
                @Override
                public List<MetricFamilySamples> collect() {
                    return Collections.list(registry.getPrometheusRegistry().metricFamilySamples());
                }
            }.register(exposed);
        }
    }

    /**
     * @param success whether the run counts as successful (exit code 0)
     * @param lastSuccessSeconds the last successful run's time: now when successful, else carried from state
     */
    public static RunMetrics of(RunResult run, boolean success, Double lastSuccessSeconds) {
        RunMetrics m = new RunMetrics();
        Tags runTags = Tags.of("suite", run.suite());
        if (run.shard().sharded()) {
            runTags = runTags.and("shard", Integer.toString(run.shard().index()));
        }
        m.gauge("seedwatch_run_success", "1 if the last run completed with exit code 0, else 0", runTags,
                success ? 1 : 0);
        m.gauge("seedwatch_run_duration_seconds", "Wall time of the last run, from start to analysis done", runTags,
                run.duration().toMillis() / 1000.0);
        m.gauge("seedwatch_last_run_timestamp_seconds", "Unix time the last run finished", runTags,
                run.finishedAt().toEpochMilli() / 1000.0);
        m.gauge("seedwatch_last_success_timestamp_seconds",
                "Unix time of the last successful run (carried forward across failed runs)", runTags,
                lastSuccessSeconds);

        for (TargetResult t : run.targets()) {
            Tags tags = Tags.of("suite", run.suite(), "target", t.target(), "model", t.model());
            m.targetMetrics(tags, t.figures());
            m.answerTargetMetrics(tags, t);
            m.goldenTargetMetrics(tags, t);
            m.behaviourMetrics(tags, t.figures());
            ChangeMetrics.register(m, run.suite(), t);
        }
        for (PromptResult p : run.prompts()) {
            Tags tags = Tags.of("suite", run.suite(), "target", p.target(), "model", p.model(), "prompt", p.prompt());
            m.promptMetrics(tags, p);
            m.answerMetrics(tags, p);
            m.goldenMetrics(tags, p);
            m.gauge("seedwatch_completion_novel", "1 if this run's most common text was not the most common text of any "
                    + "of the previous fingerprint-memory complete runs (same request and embedding model), else 0",
                    tags, p.figures().completionNovel());
        }
        return m;
    }

    private void targetMetrics(Tags tags, TargetFigures f) {
        f.fingerprints().forEach((fp, replays) -> {
            gauge("seedwatch_fingerprint_info", "1 for each system_fingerprint seen this run (none = null or missing)",
                    tags.and("fingerprint", fp), 1);
            gauge("seedwatch_fingerprint_replays", "Successful replays that returned each system_fingerprint",
                    tags.and("fingerprint", fp), replays);
        });
        f.previousFingerprints().forEach(fp -> gauge("seedwatch_previous_fingerprint_info",
                "1 for each system_fingerprint of the previous run", tags.and("fingerprint", fp), 1));
        gauge("seedwatch_fingerprints", "Distinct system_fingerprints seen this run", tags, f.fingerprints().size());
        gauge("seedwatch_fingerprint_changed",
                "1 if this run saw a fingerprint not seen in the previous fingerprint-memory runs, else 0", tags,
                f.fingerprintChanged());
        f.servedModels().forEach((served, replays) -> gauge("seedwatch_served_model_info",
                "1 for each response model value seen this run", tags.and("served_model", served), 1));
        gauge("seedwatch_served_model_changed",
                "1 if a served model not seen in the previous fingerprint-memory runs appeared, else 0", tags,
                f.servedModelChanged());
        gauge("seedwatch_prompts_measured", "Prompts whose planned replays all succeeded", tags, f.promptsMeasured());
        gauge("seedwatch_prompts_agreeing", "Measured prompts whose replies are all identical", tags,
                f.promptsAgreeing());
        gauge("seedwatch_total_agreement_ratio", "prompts_agreeing / prompts_measured (TARr@N, Atil et al. 2024)",
                tags, f.totalAgreementRatio());
        gauge("seedwatch_tokens", "Tokens used by successful replays this run", tags.and("type", "prompt"),
                f.promptTokens());
        gauge("seedwatch_tokens", "Tokens used by successful replays this run", tags.and("type", "completion"),
                f.completionTokens());
        counter("seedwatch_tokens", "Tokens used across runs (kept in the state dir), for increase()",
                tags.and("type", "prompt"), f.promptTokensTotal());
        counter("seedwatch_tokens", "Tokens used across runs (kept in the state dir), for increase()",
                tags.and("type", "completion"), f.completionTokensTotal());
        Timer timer = Timer.builder("seedwatch_request_duration_seconds")
                .description("Latency of successful requests this run (the attempt that succeeded)")
                .tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(gauges);
        for (double seconds : f.latenciesSeconds()) {
            timer.record(Duration.ofNanos((long) (seconds * 1e9)));
        }
    }

    /** Behaviour change: the deterministic prompts as the fingerprint of a backend that sends none. */
    private void behaviourMetrics(Tags tags, TargetFigures f) {
        gauge("seedwatch_prompts_compared",
                "Deterministic prompts fully measured this run that have a previous complete run to compare with",
                tags, f.promptsCompared());
        gauge("seedwatch_prompts_novel", "Of the compared prompts, those whose completion_novel is 1", tags,
                f.promptsNovel());
        gauge("seedwatch_behaviour_changed",
                "1 if prompts_novel >= 1 and >= behaviour-change-share x prompts_compared, else 0", tags,
                f.behaviourChanged());
        // exported so that the alert recomputes behaviour_changed over shards with the share the run used
        gauge("seedwatch_behaviour_change_share",
                "The share of compared prompts that must be novel for behaviour_changed "
                        + "(seedwatch.behaviour-change-share)",
                tags, f.behaviourChangeShare());
    }

    private void promptMetrics(Tags tags, PromptResult p) {
        PromptFigures f = p.figures();
        gauge("seedwatch_prompt_info", "1 for each prompt; label expect", tags.and("expect", p.expect().label()), 1);
        gauge("seedwatch_replays", "Replays planned for this prompt this run", tags, f.replaysPlanned());
        for (Map.Entry<String, Integer> failure : f.failures().entrySet()) {
            gauge("seedwatch_replay_failures", "Failed replays (after retries) by reason",
                    tags.and("reason", failure.getKey()), failure.getValue());
        }
        if (p.probe() != null) {
            // a probe's replies are compared by the change tests only (ChangeMetrics)
            return;
        }
        gauge("seedwatch_exact_match_ratio", "Share of successful replays whose text is the most common text", tags,
                f.exactMatchRatio());
        gauge("seedwatch_unique_completions", "Distinct texts among successful replays", tags, f.uniqueCompletions());
        gauge("seedwatch_replay_distance_mean", "Mean pairwise cosine distance between replay embeddings", tags,
                f.distanceMean());
        gauge("seedwatch_replay_distance_max", "Largest pairwise cosine distance between replay embeddings", tags,
                f.distanceMax());
        gauge("seedwatch_common_prefix_chars", "Code points of the longest prefix shared by all successful replays",
                tags, f.commonPrefixChars());
        gauge("seedwatch_baseline_distance",
                "Cosine distance between this run's most common text and the baseline's", tags, f.baselineDistance());
        gauge("seedwatch_completion_changed", "1 if this run's most common text differs from the baseline's, else 0",
                tags, f.completionChanged());
        if (f.loadProbe() != null) {
            loadProbeMetrics(tags, f.loadProbe());
        }
        if (f.tokens() != null) {
            tokenMetrics(tags, f.tokens());
        }
    }

    private void loadProbeMetrics(Tags tags, LoadProbeFigures f) {
        gauge("seedwatch_isolated_unique_completions", "Distinct texts among the isolated replays", tags,
                f.isolatedUniqueCompletions());
        gauge("seedwatch_isolated_exact_match_ratio",
                "Share of isolated replays whose text is their most common text", tags, f.isolatedExactMatchRatio());
        gauge("seedwatch_load_sensitive",
                "1 if the isolated replays were all identical and the burst replays were not, else 0", tags,
                f.loadSensitive());
        gauge("seedwatch_load_sensitive_runs",
                "Consecutive runs, this one included, in which seedwatch_load_sensitive was 1", tags,
                f.loadSensitiveRuns());
    }

    private void tokenMetrics(Tags tags, TokenFigures f) {
        gauge("seedwatch_first_divergence_token",
                "Number of leading tokens shared by all successful replies (the index of the first token where they "
                        + "differ)", tags, f.firstDivergenceToken());
        gauge("seedwatch_divergence_margin",
                "At the first divergence, in the most common reply: highest minus second-highest top_logprobs value "
                        + "(natural log)", tags, f.divergenceMargin());
        gauge("seedwatch_min_token_margin",
                "Over all tokens of the most common reply, the smallest gap between the highest and second-highest "
                        + "top_logprobs value", tags, f.minTokenMargin());
    }

    private void answerMetrics(Tags tags, PromptResult p) {
        AnswerFigures a = p.answers();
        if (a == null) {
            return;
        }
        gauge("seedwatch_answer_agreement_ratio",
                "Share of successful replies whose answer is the most common answer (ties: lexicographic)", tags,
                a.agreementRatio());
        gauge("seedwatch_unique_answers", "Distinct answers among successful replies", tags, a.uniqueAnswers());
        gauge("seedwatch_answers_missing", "Successful replies with no extractable answer", tags, a.missing());
        gauge("seedwatch_answer_changed", "1 if the most common answer differs from the baseline's, else 0", tags,
                a.answerChanged());
    }

    private void answerTargetMetrics(Tags tags, TargetResult t) {
        AnswerTargetFigures a = t.answers();
        gauge("seedwatch_prompts_answer_measured",
                "Prompts with an answer rule whose planned replays all succeeded", tags, a.promptsMeasured());
        gauge("seedwatch_prompts_answer_agreeing",
                "Of those, prompts whose replies all gave the same answer and none was missing", tags,
                a.promptsAgreeing());
        gauge("seedwatch_total_answer_agreement_ratio",
                "prompts_answer_agreeing / prompts_answer_measured (TARa@N, Atil et al. 2024)", tags,
                a.totalAgreementRatio());
    }

    private void goldenMetrics(Tags tags, PromptResult p) {
        GoldenFigures g = p.golden();
        gauge("seedwatch_golden_distance", "Cosine distance between this run's most common text and the golden one",
                tags, g.distance());
        gauge("seedwatch_golden_changed", "1 if this run's most common text differs from the golden one, else 0", tags,
                g.changed());
        gauge("seedwatch_golden_answer_changed",
                "1 if this run's most common answer differs from the golden one, else 0", tags, g.answerChanged());
        gauge("seedwatch_golden_drift_runs",
                "Consecutive runs, up to this one, whose most common text or answer differed from the golden one",
                tags, g.driftRuns());
    }

    private void goldenTargetMetrics(Tags tags, TargetResult t) {
        GoldenTargetFigures g = t.golden();
        if (g == null) {
            return;
        }
        gauge("seedwatch_golden_pinned_timestamp_seconds", "Unix time the golden run ran", tags, g.ranAtSeconds());
        g.fingerprints().forEach(fp -> gauge("seedwatch_golden_fingerprint_info",
                "1 for each system_fingerprint of the golden run", tags.and("fingerprint", fp), 1));
    }

    /** Registers a gauge with a fixed value; a null value is an undefined figure and registers nothing. */
    void gauge(String name, String help, Tags tags, Number value) {
        if (value == null) {
            return;
        }
        Gauge.builder(name, value, Number::doubleValue).description(help).tags(tags).strongReference(true)
                .register(gauges);
    }

    /**
     * A counter with a fixed value. Micrometer holds a function counter's object only weakly, so the value is held
     * here: a boxed long outside the small-value cache would otherwise be collected and read as 0.
     */
    private void counter(String name, String help, Tags tags, long value) {
        AtomicLong held = new AtomicLong(value);
        counterValues.add(held);
        FunctionCounter.builder(name, held, AtomicLong::doubleValue).description(help).tags(tags).register(counters);
    }

    /** Adds where the run pages are read: {@code seedwatch_run_page_info}, which the alerts link. */
    public RunMetrics withRunPage(Optional<String> url, RunResult run) {
        url.ifPresent(u -> {
            Tags tags = Tags.of("suite", run.suite(), "url", u);
            gauge("seedwatch_run_page_info", "1, label url: the page of the newest run (seedwatch.external-url), "
                    + "linked from the alerts", run.shard().sharded()
                            ? tags.and("shard", Integer.toString(run.shard().index())) : tags, 1);
        });
        return this;
    }

    /** What a push or a scrape exposes. */
    public CollectorRegistry registry() {
        return exposed;
    }

    /** Prometheus text format 0.0.4 (node_exporter textfile-collector compatible), families sorted by name. */
    public String text() {
        StringWriter out = new StringWriter();
        List<Collector.MetricFamilySamples> families = Collections.list(exposed.metricFamilySamples());
        // a gauge and a counter may share a base name (seedwatch_tokens): the type breaks the tie
        families.sort(Comparator.comparing((Collector.MetricFamilySamples f) -> f.name).thenComparing(f -> f.type));
        try {
            TextFormat.write004(out, Collections.enumeration(families));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

}
