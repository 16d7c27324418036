package dev.seedwatch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.seedwatch.analysis.change.ChangeTest;
import dev.seedwatch.analysis.change.ChangeTests;
import dev.seedwatch.analysis.change.Stratum;
import dev.seedwatch.analysis.change.TestResult;
import dev.seedwatch.embedding.Embedder;

/** One run's probe replies with the embeddings of its samples: one side of a change test. */
record ProbeRun(ProbeCollector.Replies replies, Map<String, List<double[]>> embeddings) {

    static ProbeRun of(ProbeCollector.Replies replies, Embedder embedder) {
        Map<String, List<double[]>> embeddings = new LinkedHashMap<>();
        replies.samples().forEach((probe, texts) -> embeddings.put(probe,
                embedder.embed(texts).stream().map(ProbeRun::widen).toList()));
        return new ProbeRun(replies, embeddings);
    }

    /** The tests of {@code current} against this run as the reference; a test without probes is left out. */
    Map<ChangeTest, TestResult> test(ProbeRun current, long seed) {
        Map<ChangeTest, TestResult> results = new LinkedHashMap<>();
        ChangeTests.logprobs(strata(current, ProbeCollector.Replies::logprobs), seed)
                .ifPresent(r -> results.put(r.test(), r));
        ChangeTests.mmd(strata(current, ProbeCollector.Replies::samples), seed)
                .ifPresent(r -> results.put(r.test(), r));
        Optional<TestResult> energy = ChangeTests.energy(strata(current.embeddings(), embeddings), seed);
        energy.ifPresent(r -> results.put(r.test(), r));
        return results;
    }

    private <T> List<Stratum<T>> strata(ProbeRun current,
            Function<ProbeCollector.Replies, Map<String, List<T>>> side) {
        return strata(side.apply(current.replies()), side.apply(replies));
    }

    private static <T> List<Stratum<T>> strata(Map<String, List<T>> current, Map<String, List<T>> reference) {
        List<Stratum<T>> strata = new ArrayList<>();
        reference.forEach((probe, replies) -> strata.add(new Stratum<>(probe, replies,
                current.getOrDefault(probe, List.of()))));
        return strata;
    }

    private static double[] widen(float[] vector) {
        double[] wide = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            wide[i] = vector[i];
        }
        return wide;
    }
}
