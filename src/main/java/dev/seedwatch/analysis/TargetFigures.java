package dev.seedwatch.analysis;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every per-target figure of one run. Null fields are undefined and exported as absent series. Reports hold the
 * figures as one flat object (see {@link Flat}).
 *
 * @param fingerprint the system_fingerprints the replies carried, and whether one is new
 * @param servedModel the models the responses named, and whether one is new
 * @param agreement how many deterministic prompts were measured and how many of them agreed
 * @param tokens the tokens of this run's successful replays and across runs
 * @param latenciesSeconds seedwatch_request_duration_seconds: latency of each successful request
 * @param behaviour how many prompts left the behaviour memory, and whether that makes a behaviour change
 */
public record TargetFigures(Fingerprints fingerprint, ServedModels servedModel, Agreement agreement, Tokens tokens,
        List<Double> latenciesSeconds, Behaviour behaviour) {

    public TargetFigures {
        latenciesSeconds = List.copyOf(latenciesSeconds);
    }

    /**
     * @param replays seedwatch_fingerprint_replays: successful replays per system_fingerprint label ("none" for null
     *        or missing); its keys make seedwatch_fingerprint_info and its size seedwatch_fingerprints
     * @param previous seedwatch_previous_fingerprint_info: the fingerprints of the previous run that saw any
     * @param changed seedwatch_fingerprint_changed: whether a fingerprint was seen that none of the previous
     *        {@code fingerprint-memory} runs saw; empty without such runs or without a successful replay now
     */
    public record Fingerprints(Map<String, Integer> replays, List<String> previous, Optional<Boolean> changed) {

        public Fingerprints {
            replays = Collections.unmodifiableSortedMap(new TreeMap<>(replays));
            previous = List.copyOf(previous);
        }
    }

    /**
     * @param replays successful replays per response {@code model} ("none" when absent): seedwatch_served_model_info
     * @param changed seedwatch_served_model_changed: as {@link Fingerprints#changed()}, for served models
     */
    public record ServedModels(Map<String, Integer> replays, Optional<Boolean> changed) {

        public ServedModels {
            replays = Collections.unmodifiableSortedMap(new TreeMap<>(replays));
        }
    }

    /**
     * @param measured seedwatch_prompts_measured: deterministic prompts whose planned replays all succeeded
     * @param agreeing seedwatch_prompts_agreeing: of those, prompts whose replies are all identical
     * @param ratio seedwatch_total_agreement_ratio: agreeing / measured (TARr@N); null when none measured
     */
    public record Agreement(int measured, int agreeing, Double ratio) {
    }

    /**
     * @param prompt seedwatch_tokens{type="prompt"}: prompt tokens of successful replays this run
     * @param completion seedwatch_tokens{type="completion"}
     * @param promptTotal seedwatch_tokens_total{type="prompt"}: across runs, kept in state
     * @param completionTotal seedwatch_tokens_total{type="completion"}
     */
    public record Tokens(long prompt, long completion, long promptTotal, long completionTotal) {
    }

    /**
     * @param compared seedwatch_prompts_compared: deterministic prompts fully measured this run that have a previous
     *        complete run to compare with (see {@link PromptFigures.Drift#completionNovel()})
     * @param novel seedwatch_prompts_novel: of those, prompts whose most common text is novel
     * @param changed seedwatch_behaviour_changed: whether novel ≥ 1 and ≥ changeShare × compared; empty when none
     *        compared
     * @param changeShare the {@code behaviour-change-share} the novel prompts were held against
     */
    public record Behaviour(int compared, int novel, Optional<Boolean> changed, double changeShare) {
    }

    @JsonValue
    Flat flat() {
        return new Flat(fingerprint.replays(), fingerprint.previous(), fingerprint.changed(), servedModel.replays(),
                servedModel.changed(), agreement.measured(), agreement.agreeing(), agreement.ratio(), tokens.prompt(),
                tokens.completion(), tokens.promptTotal(), tokens.completionTotal(), latenciesSeconds,
                behaviour.compared(), behaviour.novel(), behaviour.changed(), behaviour.changeShare());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TargetFigures of(Flat f) {
        return new TargetFigures(new Fingerprints(f.fingerprints(), f.previousFingerprints(), f.fingerprintChanged()),
                new ServedModels(f.servedModels(), f.servedModelChanged()),
                new Agreement(f.promptsMeasured(), f.promptsAgreeing(), f.totalAgreementRatio()),
                new Tokens(f.promptTokens(), f.completionTokens(), f.promptTokensTotal(), f.completionTokensTotal()),
                f.latenciesSeconds(), new Behaviour(f.promptsCompared(), f.promptsNovel(), f.behaviourChanged(),
                        f.behaviourChangeShare()));
    }

    /**
     * The figures as reports hold them: one object, its fields in this order, the names of the metrics they are
     * exported as. fingerprints and servedModels are written as lists of {@code {value, replays}} (see
     * {@link ValueCounts}).
     */
    public record Flat(
            @ValueCounts Map<String, Integer> fingerprints,
            List<String> previousFingerprints,
            @OneOrZero Optional<Boolean> fingerprintChanged,
            @ValueCounts Map<String, Integer> servedModels,
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
    }
}
