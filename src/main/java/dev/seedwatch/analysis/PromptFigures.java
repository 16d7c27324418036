package dev.seedwatch.analysis;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every figure of one (target, prompt) in one run. A null field is undefined (too few successful replays, or no
 * comparable baseline) and is exported as an absent series, never as 0 or NaN.
 *
 * @param replaysPlanned seedwatch_replays: replays planned for this prompt this run, both phases of a load probe
 * @param succeeded replays that returned a completion text (possibly empty)
 * @param failures seedwatch_replay_failures: failed replays by reason label; only reasons that occurred
 * @param mostCommonText the text with the highest count, ties to the lexicographically smallest
 * @param exactMatchRatio seedwatch_exact_match_ratio: share of successful replays equal to the most common text
 * @param uniqueCompletions seedwatch_unique_completions: distinct texts among successful replays
 * @param commonPrefixChars seedwatch_common_prefix_chars: code points shared at the start of all successful texts
 * @param distanceMean seedwatch_replay_distance_mean: mean cosine distance over pairs i &lt; j (needs ≥ 2)
 * @param distanceMax seedwatch_replay_distance_max: largest pairwise cosine distance (needs ≥ 2)
 * @param firstToRestDistance the cookbook's figure: mean distance from the first reply to each other one
 * @param baselineDistance seedwatch_baseline_distance: distance between this run's and the baseline's most common
 *        text
 * @param completionChanged seedwatch_completion_changed: whether the most common text differs from the baseline's; empty
 *        without a comparable baseline
 * @param complete all planned replays succeeded (counts toward seedwatch_prompts_measured)
 * @param agreeing complete and every reply identical (counts toward seedwatch_prompts_agreeing)
 * @param loadProbe the isolated replays set against the burst, for a {@code load-probe} prompt; else null
 * @param tokens where the replies part token by token, for a target with {@code logprobs}; else null
 * @param completionNovel seedwatch_completion_novel: whether the most common text was the most common text of none
 *        of the previous {@code fingerprint-memory} complete runs with the same request and embedding model; empty
 *        without such a run
 */
public record PromptFigures(
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

    public PromptFigures {
        failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
    }

    public int failed() {
        return replaysPlanned - succeeded;
    }
}
