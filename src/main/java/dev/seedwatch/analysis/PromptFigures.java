package dev.seedwatch.analysis;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every figure of one (target, prompt) in one run. A null field is undefined (too few successful replays, or no
 * comparable baseline) and is exported as an absent series, never as 0 or NaN. Reports hold the figures as one flat
 * object (see {@link Flat}).
 *
 * @param counts how many replays were planned, succeeded and failed
 * @param agreement how far the successful replies agree with each other, text by text
 * @param distances how far the successful replies are apart by meaning
 * @param drift how the most common text moved against the baseline and the behaviour memory
 * @param loadProbe the isolated replays set against the burst, for a {@code load-probe} prompt; else null
 * @param tokens where the replies part token by token, for a target with {@code logprobs}; else null
 */
public record PromptFigures(Counts counts, Agreement agreement, Distances distances, Drift drift,
        LoadProbeFigures loadProbe, TokenFigures tokens) {

    /**
     * @param planned seedwatch_replays: replays planned for this prompt this run, both phases of a load probe
     * @param succeeded replays that returned a completion text (possibly empty)
     * @param failures seedwatch_replay_failures: failed replays by reason label; only reasons that occurred
     */
    public record Counts(int planned, int succeeded, Map<String, Integer> failures) {

        public Counts {
            failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
        }

        public int failed() {
            return planned - succeeded;
        }

        /** All planned replays succeeded (counts toward seedwatch_prompts_measured). */
        public boolean complete() {
            return succeeded == planned;
        }
    }

    /**
     * @param mostCommonText the text with the highest count, ties to the lexicographically smallest
     * @param exactMatchRatio seedwatch_exact_match_ratio: share of successful replays equal to the most common text
     * @param uniqueCompletions seedwatch_unique_completions: distinct texts among successful replays
     * @param commonPrefixChars seedwatch_common_prefix_chars: code points shared at the start of all successful texts
     * @param agreeing complete and every reply identical (counts toward seedwatch_prompts_agreeing)
     */
    public record Agreement(String mostCommonText, Double exactMatchRatio, Integer uniqueCompletions,
            Integer commonPrefixChars, boolean agreeing) {
    }

    /**
     * @param mean seedwatch_replay_distance_mean: mean cosine distance over pairs i &lt; j (needs ≥ 2)
     * @param max seedwatch_replay_distance_max: largest pairwise cosine distance (needs ≥ 2)
     * @param firstToRest the cookbook's figure: mean distance from the first reply to each other one
     */
    public record Distances(Double mean, Double max, Double firstToRest) {

        /** No distance figures: embeddings unavailable, or too few replies. */
        public static final Distances NONE = new Distances(null, null, null);
    }

    /**
     * @param baselineDistance seedwatch_baseline_distance: distance between this run's and the baseline's most
     *        common text
     * @param completionChanged seedwatch_completion_changed: whether the most common text differs from the
     *        baseline's; empty without a comparable baseline
     * @param completionNovel seedwatch_completion_novel: whether the most common text was the most common text of
     *        none of the previous {@code fingerprint-memory} complete runs with the same request and embedding
     *        model; empty without such a run
     */
    public record Drift(Double baselineDistance, Optional<Boolean> completionChanged,
            Optional<Boolean> completionNovel) {

        /** Nothing to hold the most common text against. */
        public static final Drift NONE = new Drift(null, Optional.empty(), Optional.empty());
    }

    @JsonValue
    Flat flat() {
        return new Flat(counts.planned(), counts.succeeded(), counts.failures(), agreement.mostCommonText(),
                agreement.exactMatchRatio(), agreement.uniqueCompletions(), agreement.commonPrefixChars(),
                distances.mean(), distances.max(), distances.firstToRest(), drift.baselineDistance(),
                drift.completionChanged(), counts.complete(), agreement.agreeing(), loadProbe, tokens,
                drift.completionNovel());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static PromptFigures of(Flat f) {
        return new PromptFigures(new Counts(f.replaysPlanned(), f.succeeded(), f.failures()),
                new Agreement(f.mostCommonText(), f.exactMatchRatio(), f.uniqueCompletions(), f.commonPrefixChars(),
                        f.agreeing()),
                new Distances(f.distanceMean(), f.distanceMax(), f.firstToRestDistance()),
                new Drift(f.baselineDistance(), f.completionChanged(), f.completionNovel()), f.loadProbe(),
                f.tokens());
    }

    /**
     * The figures as reports hold them: one object, its fields in this order, the names of the metrics they are
     * exported as. {@code complete} is written for readers of the file; it follows from the counts.
     */
    public record Flat(
            int replaysPlanned,
            int succeeded,
            Map<String, Integer> failures,
            String mostCommonText,
            Double exactMatchRatio,
            Integer uniqueCompletions,
            Integer commonPrefixChars,
            Double distanceMean,
            Double distanceMax,
            Double firstToRestDistance,
            Double baselineDistance,
            @OneOrZero Optional<Boolean> completionChanged,
            boolean complete,
            boolean agreeing,
            LoadProbeFigures loadProbe,
            TokenFigures tokens,
            @OneOrZero Optional<Boolean> completionNovel) {
    }
}
