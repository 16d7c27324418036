package dev.seedwatch.export;

import java.util.Map;

import dev.seedwatch.analysis.AnswerFigures;
import dev.seedwatch.analysis.GoldenFigures;
import dev.seedwatch.analysis.LoadProbeFigures;
import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.TokenFigures;

/** A prompt's series: its replays, their agreement and distances, load probe, tokens, answers and golden run. */
final class PromptMetrics {

    private PromptMetrics() {
    }

    static void register(PrometheusText s, Labels labels, PromptResult p) {
        replays(s, labels, p);
        answers(s, labels, p.answers());
        golden(s, labels, p.golden());
        s.gauge("seedwatch_completion_novel", "1 if this run's most common text was not the most common text of any "
                + "of the previous fingerprint-memory complete runs (same request and embedding model), else 0",
                labels, p.figures().drift().completionNovel());
    }

    private static void replays(PrometheusText s, Labels labels, PromptResult p) {
        PromptFigures f = p.figures();
        s.gauge("seedwatch_prompt_info", "1 for each prompt; label expect", labels.and("expect", p.expect().label()),
                1);
        s.gauge("seedwatch_replays", "Replays planned for this prompt this run", labels, f.counts().planned());
        for (Map.Entry<String, Integer> failure : f.counts().failures().entrySet()) {
            s.gauge("seedwatch_replay_failures", "Failed replays (after retries) by reason",
                    labels.and("reason", failure.getKey()), failure.getValue());
        }
        if (p.probe() != null) {
            // a probe's replies are compared by the change tests only (ChangeMetrics)
            return;
        }
        s.gauge("seedwatch_exact_match_ratio", "Share of successful replays whose text is the most common text", labels,
                f.agreement().exactMatchRatio());
        s.gauge("seedwatch_unique_completions", "Distinct texts among successful replays", labels,
                f.agreement().uniqueCompletions());
        s.gauge("seedwatch_replay_distance_mean", "Mean pairwise cosine distance between replay embeddings", labels,
                f.distances().mean());
        s.gauge("seedwatch_replay_distance_max", "Largest pairwise cosine distance between replay embeddings", labels,
                f.distances().max());
        s.gauge("seedwatch_common_prefix_chars", "Code points of the longest prefix shared by all successful replays",
                labels, f.agreement().commonPrefixChars());
        s.gauge("seedwatch_baseline_distance",
                "Cosine distance between this run's most common text and the baseline's", labels,
                f.drift().baselineDistance());
        s.gauge("seedwatch_completion_changed", "1 if this run's most common text differs from the baseline's, else 0",
                labels, f.drift().completionChanged());
        if (f.loadProbe() != null) {
            loadProbe(s, labels, f.loadProbe());
        }
        if (f.tokens() != null) {
            tokens(s, labels, f.tokens());
        }
    }

    private static void loadProbe(PrometheusText s, Labels labels, LoadProbeFigures f) {
        s.gauge("seedwatch_isolated_unique_completions", "Distinct texts among the isolated replays", labels,
                f.isolatedUniqueCompletions());
        s.gauge("seedwatch_isolated_exact_match_ratio",
                "Share of isolated replays whose text is their most common text", labels, f.isolatedExactMatchRatio());
        s.gauge("seedwatch_load_sensitive",
                "1 if the isolated replays were all identical and the burst replays were not, else 0", labels,
                f.loadSensitive());
        s.gauge("seedwatch_load_sensitive_runs",
                "Consecutive runs, this one included, in which seedwatch_load_sensitive was 1", labels,
                f.loadSensitiveRuns());
    }

    private static void tokens(PrometheusText s, Labels labels, TokenFigures f) {
        s.gauge("seedwatch_first_divergence_token",
                "Number of leading tokens shared by all successful replies (the index of the first token where they "
                        + "differ)", labels, f.firstDivergenceToken());
        s.gauge("seedwatch_divergence_margin",
                "At the first divergence, in the most common reply: highest minus second-highest top_logprobs value "
                        + "(natural log)", labels, f.divergenceMargin());
        s.gauge("seedwatch_min_token_margin",
                "Over all tokens of the most common reply, the smallest gap between the highest and second-highest "
                        + "top_logprobs value", labels, f.minTokenMargin());
    }

    private static void answers(PrometheusText s, Labels labels, AnswerFigures a) {
        if (a == null) {
            return;
        }
        s.gauge("seedwatch_answer_agreement_ratio",
                "Share of successful replies whose answer is the most common answer (ties: lexicographic)", labels,
                a.agreementRatio());
        s.gauge("seedwatch_unique_answers", "Distinct answers among successful replies", labels, a.uniqueAnswers());
        s.gauge("seedwatch_answers_missing", "Successful replies with no extractable answer", labels, a.missing());
        s.gauge("seedwatch_answer_changed", "1 if the most common answer differs from the baseline's, else 0", labels,
                a.answerChanged());
    }

    private static void golden(PrometheusText s, Labels labels, GoldenFigures g) {
        s.gauge("seedwatch_golden_distance", "Cosine distance between this run's most common text and the golden one",
                labels, g.distance());
        s.gauge("seedwatch_golden_changed", "1 if this run's most common text differs from the golden one, else 0",
                labels, g.changed());
        s.gauge("seedwatch_golden_answer_changed",
                "1 if this run's most common answer differs from the golden one, else 0", labels, g.answerChanged());
        s.gauge("seedwatch_golden_drift_runs",
                "Consecutive runs, up to this one, whose most common text or answer differed from the golden one",
                labels, g.driftRuns());
    }
}
