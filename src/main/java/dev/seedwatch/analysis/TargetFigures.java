package dev.seedwatch.analysis;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * Every per-target figure of one run. Null fields are undefined and exported as absent series.
 *
 * @param fingerprints seedwatch_fingerprint_replays: successful replays per system_fingerprint label ("none" for
 *        null or missing); its keys make seedwatch_fingerprint_info and its size seedwatch_fingerprints. Written as a
 *        list of {@code {value, replays}}, as is servedModels (see {@link ValueCountsSerializer})
 * @param previousFingerprints seedwatch_previous_fingerprint_info: the fingerprints of the previous run that saw any
 * @param fingerprintChanged seedwatch_fingerprint_changed: whether a fingerprint was seen that none of the previous
 *        {@code fingerprint-memory} runs saw; empty without such runs or without a successful replay now
 * @param servedModels successful replays per response {@code model} ("none" when absent): seedwatch_served_model_info
 * @param servedModelChanged seedwatch_served_model_changed: as fingerprintChanged, for served models
 * @param promptsMeasured seedwatch_prompts_measured: deterministic prompts whose planned replays all succeeded
 * @param promptsAgreeing seedwatch_prompts_agreeing: of those, prompts whose replies are all identical
 * @param totalAgreementRatio seedwatch_total_agreement_ratio: agreeing / measured (TARr@N); null when none measured
 * @param promptTokens seedwatch_tokens{type="prompt"}: prompt tokens of successful replays this run
 * @param completionTokens seedwatch_tokens{type="completion"}
 * @param promptTokensTotal seedwatch_tokens_total{type="prompt"}: across runs, kept in state
 * @param completionTokensTotal seedwatch_tokens_total{type="completion"}
 * @param latenciesSeconds seedwatch_request_duration_seconds: latency of each successful request
 * @param promptsCompared seedwatch_prompts_compared: deterministic prompts fully measured this run that have a
 *        previous complete run to compare with (see {@link PromptFigures#completionNovel()})
 * @param promptsNovel seedwatch_prompts_novel: of those, prompts whose most common text is novel
 * @param behaviourChanged seedwatch_behaviour_changed: whether promptsNovel ≥ 1 and ≥ behaviour-change-share ×
 *        promptsCompared; empty when none compared
 */
public record TargetFigures(
        @JsonSerialize(using = ValueCountsSerializer.class) @JsonDeserialize(using = ValueCountsDeserializer.class) Map<String, Integer> fingerprints,
        List<String> previousFingerprints,
        @OneOrZero Optional<Boolean> fingerprintChanged,
        @JsonSerialize(using = ValueCountsSerializer.class) @JsonDeserialize(using = ValueCountsDeserializer.class) Map<String, Integer> servedModels,
        @OneOrZero Optional<Boolean> servedModelChanged,
        int promptsMeasured,
        int promptsAgreeing,
        Double totalAgreementRatio,
        long promptTokens,
        long completionTokens,
        long promptTokensTotal,
        long completionTokensTotal,
        List<Double> latenciesSeconds,
        int promptsCompared,
        int promptsNovel,
        @OneOrZero Optional<Boolean> behaviourChanged,
        double behaviourChangeShare) {

    public TargetFigures {
        fingerprints = Collections.unmodifiableSortedMap(new TreeMap<>(fingerprints));
        previousFingerprints = List.copyOf(previousFingerprints);
        servedModels = Collections.unmodifiableSortedMap(new TreeMap<>(servedModels));
        latenciesSeconds = List.copyOf(latenciesSeconds);
    }
}
