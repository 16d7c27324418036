package dev.seedwatch.export;

import java.time.Duration;
import java.util.List;

import dev.seedwatch.analysis.AnswerTargetFigures;
import dev.seedwatch.analysis.GoldenTargetFigures;
import dev.seedwatch.analysis.TargetFigures;
import dev.seedwatch.analysis.TargetResult;

/** A target's series: its backend (fingerprints, served models), agreement, tokens, latency and golden run. */
final class TargetMetrics {

    /** Latency buckets sized for LLM calls: from a cached local model to a long completion. */
    static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120) };

    private TargetMetrics() {
    }

    static void register(PrometheusText s, Labels labels, TargetResult t) {
        backend(s, labels, t.figures());
        agreement(s, labels, t.figures());
        tokensAndLatency(s, labels, t.figures());
        answers(s, labels, t.answers());
        golden(s, labels, t.golden());
        behaviour(s, labels, t.figures());
    }

    private static void backend(PrometheusText s, Labels labels, TargetFigures f) {
        f.fingerprint().replays().forEach((fp, replays) -> {
            s.gauge("seedwatch_fingerprint_info", "1 for each system_fingerprint seen this run (none = null or missing)",
                    labels.and("fingerprint", fp), 1);
            s.gauge("seedwatch_fingerprint_replays", "Successful replays that returned each system_fingerprint",
                    labels.and("fingerprint", fp), replays);
        });
        f.fingerprint().previous().forEach(fp -> s.gauge("seedwatch_previous_fingerprint_info",
                "1 for each system_fingerprint of the previous run", labels.and("fingerprint", fp), 1));
        s.gauge("seedwatch_fingerprints", "Distinct system_fingerprints seen this run", labels,
                f.fingerprint().replays().size());
        s.gauge("seedwatch_fingerprint_changed",
                "1 if this run saw a fingerprint not seen in the previous fingerprint-memory runs, else 0", labels,
                f.fingerprint().changed());
        f.servedModel().replays().forEach((served, replays) -> s.gauge("seedwatch_served_model_info",
                "1 for each response model value seen this run", labels.and("served_model", served), 1));
        s.gauge("seedwatch_served_model_changed",
                "1 if a served model not seen in the previous fingerprint-memory runs appeared, else 0", labels,
                f.servedModel().changed());
    }

    private static void agreement(PrometheusText s, Labels labels, TargetFigures f) {
        s.gauge("seedwatch_prompts_measured",
                "Deterministic prompts (expect: deterministic) whose planned replays all succeeded", labels,
                f.agreement().measured());
        s.gauge("seedwatch_prompts_agreeing", "Measured prompts whose replies are all identical", labels,
                f.agreement().agreeing());
        s.gauge("seedwatch_total_agreement_ratio",
                "prompts_agreeing / prompts_measured over the deterministic prompts (TARr@N, Atil et al. 2024)", labels,
                f.agreement().ratio());
    }

    private static void tokensAndLatency(PrometheusText s, Labels labels, TargetFigures f) {
        s.gauge("seedwatch_tokens", "Tokens used by successful replays this run", labels.and("type", "prompt"),
                f.tokens().prompt());
        s.gauge("seedwatch_tokens", "Tokens used by successful replays this run", labels.and("type", "completion"),
                f.tokens().completion());
        s.counter("seedwatch_tokens", "Tokens used across runs (kept in the state dir), for increase()",
                labels.and("type", "prompt"), f.tokens().promptTotal());
        s.counter("seedwatch_tokens", "Tokens used across runs (kept in the state dir), for increase()",
                labels.and("type", "completion"), f.tokens().completionTotal());
        List<Duration> latencies = f.latenciesSeconds().stream()
                .map(seconds -> Duration.ofNanos((long) (seconds * 1e9))).toList();
        s.histogram("seedwatch_request_duration_seconds",
                "Latency of successful requests this run (the attempt that succeeded)", labels, LATENCY_BUCKETS,
                latencies);
    }

    private static void answers(PrometheusText s, Labels labels, AnswerTargetFigures a) {
        s.gauge("seedwatch_prompts_answer_measured", "Prompts with an answer rule whose planned replays all succeeded",
                labels, a.promptsMeasured());
        s.gauge("seedwatch_prompts_answer_agreeing",
                "Prompts with an answer rule whose replays all succeeded and all gave one answer, none missing", labels,
                a.promptsAgreeing());
        s.gauge("seedwatch_total_answer_agreement_ratio",
                "prompts_answer_agreeing / prompts_answer_measured (TARa@N, Atil et al. 2024)", labels,
                a.totalAgreementRatio());
    }

    private static void golden(PrometheusText s, Labels labels, GoldenTargetFigures g) {
        if (g == null) {
            return;
        }
        s.gauge("seedwatch_golden_pinned_timestamp_seconds", "Unix time at which the pinned golden run started", labels,
                g.ranAtSeconds());
        g.fingerprints().forEach(fp -> s.gauge("seedwatch_golden_fingerprint_info",
                "1 for each system_fingerprint of the golden run", labels.and("fingerprint", fp), 1));
    }

    /** Behaviour change: the deterministic prompts as the fingerprint of a backend that sends none. */
    private static void behaviour(PrometheusText s, Labels labels, TargetFigures f) {
        s.gauge("seedwatch_prompts_compared",
                "Deterministic prompts fully measured this run that have a previous complete run to compare with",
                labels, f.behaviour().compared());
        s.gauge("seedwatch_prompts_novel", "Of the compared prompts, those whose completion_novel is 1", labels,
                f.behaviour().novel());
        s.gauge("seedwatch_behaviour_changed",
                "1 if prompts_novel >= 1 and >= behaviour-change-share x prompts_compared, else 0", labels,
                f.behaviour().changed());
        // exported so that the alert recomputes behaviour_changed over shards with the share the run used
        s.gauge("seedwatch_behaviour_change_share",
                "The share of compared prompts that must be novel for behaviour_changed "
                        + "(seedwatch.behaviour-change-share)",
                labels, f.behaviour().changeShare());
    }
}
