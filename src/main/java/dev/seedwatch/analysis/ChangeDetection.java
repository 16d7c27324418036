package dev.seedwatch.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.seedwatch.analysis.ChangeState.Reference;
import dev.seedwatch.analysis.ChangeState.Sample;
import dev.seedwatch.analysis.change.ChangeTests;
import dev.seedwatch.analysis.change.Evidence;
import dev.seedwatch.analysis.change.EvidenceLedger;
import dev.seedwatch.analysis.change.Stratum;
import dev.seedwatch.analysis.change.TestResult;
import dev.seedwatch.analysis.change.TokenShift;
import dev.seedwatch.analysis.change.TokenShifts;
import dev.seedwatch.analysis.change.TopLogprobs;
import dev.seedwatch.suite.Probe;

/**
 * Is it still the same model: per target with probes, this run's probe replies tested against the target's reference
 * ({@link ChangeTests}), the evidence carried forward ({@link EvidenceLedger}), and the reference set where there is
 * none and this run's probes all succeeded. A pure function of the run and the previous {@link ChangeState}.
 */
public final class ChangeDetection {

    /** The default of {@code seedwatch.change.alpha}. */
    public static final double DEFAULT_ALPHA = 0.01;
    /** Token shifts kept per logprobs probe: the ones that moved most. */
    static final int TOKEN_SHIFTS = 5;

    /** The run with its targets' change figures, and the state the next run reads. */
    public record Step(RunResult result, ChangeState next) {
    }

    private ChangeDetection() {
    }

    public static Step of(RunResult run, ChangeState previous, double alpha) {
        Map<String, Reference> references = new LinkedHashMap<>(previous.references());
        Map<String, Reference> latest = new LinkedHashMap<>(previous.latest());
        List<TargetResult> targets = new ArrayList<>();
        for (TargetResult t : run.targets()) {
            List<ProbeReplies> own = run.probes().stream().filter(p -> p.target().equals(t.target())).toList();
            if (own.isEmpty()) {
                targets.add(t);
                continue;
            }
            // an interrupted run's missing replies are no failures of the provider, but no full sample either
            boolean complete = !run.interrupted() && own.stream().allMatch(ProbeReplies::complete);
            if (complete) {
                latest.put(t.target(), reference(run, own));
            }
            Reference reference = references.get(t.target());
            if (reference == null && complete) {
                references.put(t.target(), latest.get(t.target()));
                targets.add(t.with(new ChangeFigures(run.runId(), run.finishedAt(), false, true, List.of(),
                        Evidence.start(), false, alpha, Map.of(), Map.of())));
            } else if (reference == null) {
                targets.add(t.with(ChangeFigures.noReference(alpha, Map.of())));
            } else {
                ChangeFigures figures = test(reference, own, seed(run.runId(), t.target()), run.embeddingModel(),
                        alpha);
                references.put(t.target(), reference.with(figures.evidence()));
                targets.add(t.with(figures));
            }
        }
        return new Step(run.withTargets(targets), new ChangeState(ChangeState.VERSION, references, latest));
    }

    /**
     * The three tests of one target's probes against its reference. A probe missing from the reference, or whose
     * kind or request changed since, is left out; the energy test needs embeddings of the same model on both sides.
     */
    static ChangeFigures test(Reference reference, List<ProbeReplies> current, long seed, String embeddingModel,
            double alpha) {
        Map<String, String> leftOut = new LinkedHashMap<>();
        List<Stratum<TopLogprobs>> logprobs = new ArrayList<>();
        List<Stratum<String>> texts = new ArrayList<>();
        List<Stratum<double[]>> vectors = new ArrayList<>();
        for (ProbeReplies now : current) {
            Sample then = reference.probes().get(now.probe());
            if (then == null) {
                leftOut.put(now.probe(), "not in the reference run " + reference.runId());
            } else if (then.kind() != now.kind() || !then.requestHash().equals(now.requestHash())) {
                leftOut.put(now.probe(), "its request changed since the reference run " + reference.runId());
            } else if (now.kind() == Probe.LOGPROBS) {
                logprobs.add(new Stratum<>(now.probe(), then.logprobs().stream().map(TopLogprobs::new).toList(),
                        now.logprobs()));
            } else {
                texts.add(new Stratum<>(now.probe(), then.texts(), now.texts()));
                if (embeddingModel.equals(reference.embeddingModel()) && !then.embeddings().isEmpty()
                        && !now.embeddings().isEmpty()) {
                    vectors.add(new Stratum<>(now.probe(), List.of(then.vectors()),
                            now.embeddings().stream().map(ChangeDetection::widen).toList()));
                }
            }
        }
        List<TestResult> results = new ArrayList<>();
        ChangeTests.logprobs(logprobs, seed).ifPresent(results::add);
        ChangeTests.mmd(texts, seed).ifPresent(results::add);
        ChangeTests.energy(vectors, seed).ifPresent(results::add);
        Evidence evidence = EvidenceLedger.next(reference.evidence(), results);
        Map<String, List<TokenShift>> shifts = new LinkedHashMap<>();
        logprobs.forEach(s -> shifts.put(s.probe(), TokenShifts.of(s, TOKEN_SHIFTS)));
        return new ChangeFigures(reference.runId(), reference.ranAt(), reference.pinned(), false, results, evidence,
                evidence.detected(alpha), alpha, shifts, leftOut);
    }

    private static Reference reference(RunResult run, List<ProbeReplies> probes) {
        Map<String, Sample> samples = new LinkedHashMap<>();
        probes.forEach(p -> samples.put(p.probe(), Sample.of(p)));
        return new Reference(run.runId(), run.finishedAt(), false, run.embeddingModel(), samples, Evidence.start());
    }

    /** The permutations of a run are reproducible: the same run and target always draw the same ones. */
    static long seed(String runId, String target) {
        return UUID.nameUUIDFromBytes((runId + "\u0000" + target).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }

    private static double[] widen(float[] vector) {
        double[] out = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i];
        }
        return out;
    }
}
