package dev.seedwatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.seedwatch.analysis.change.ChangeTest;
import dev.seedwatch.analysis.change.Evidence;
import dev.seedwatch.analysis.change.EvidenceLedger;
import dev.seedwatch.analysis.change.TestResult;
import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.embedding.LocalEmbedder;
import dev.seedwatch.testing.LlamaServer;
import dev.seedwatch.testing.ModelCopies;
import dev.seedwatch.testing.ModelCopies.Precision;
import dev.seedwatch.testing.ServedModel;

/**
 * The change tests on the real tiny model (issue 23): per distortion of the served model and per test, how often one
 * run detects it, over {@code trials} independent trials (each a fresh reference run of the original, then one run
 * of every distortion), with the requests and tokens a run costs. Usage: {@code bench/change-detection.sh [trials [sample-probes [samples [tokens]]]]}.
 * <p>
 * Probes: 4 logprob probes × 16 replays ({@link #LOGPROB_PROMPTS}) and by default 12 sample probes × 20 samples ×
 * 40 tokens ({@link #SAMPLE_PROMPTS}), sent 8 at a time to llama-server {@code -np 4 -kvu} so that every reply is computed in a batch with others.
 */
public final class ChangeDetectionBench {

    /** What is served in the run under test; the reference run always serves the original. */
    enum Distortion {
        NONE("none (same weights, restarted)"),
        F16("F16 copy"),
        Q8_0("Q8_0 copy"),
        Q4_0("Q4_0 copy"),
        MIXTURE("50/50 mixture original / Q4_0"),
        TEMPLATE("chat template `" + ChangeDetectionBench.TEMPLATE + "`");

        final String label;

        Distortion(String label) {
            this.label = label;
        }
    }

    /** The chat template of the template distortion; the model has none, so llama-server falls back to chatml. */
    static final String TEMPLATE = "llama2";

    static final List<String> LOGPROB_PROMPTS = List.of("Once upon a time", "Tom and his dog", "The sun was",
            "Lily wanted to");
    static final List<String> SAMPLE_PROMPTS = List.of("Once upon a time, there was a little girl", "One day, a boy named Tim", "The cat sat",
                    "Sara went to the park", "A big red ball", "Mom said", "The bird could not fly",
                    "It was a sunny day", "Ben had a toy car", "In the forest, there lived", "The little fish",
                    "Anna and her friend");

    /** Runs of Q4_0 against one reference, sample probes only, until detected at {@link #SEQUENTIAL_ALPHA}. */
    static final int SEQUENTIAL_RUNS = 4;
    static final double SEQUENTIAL_ALPHA = 0.05;

    /**
     * {@code [trials [sample-probes [samples [tokens]]]]}: defaults 5, 12, 20, 40 (the sizes); 0 sample
     * probes measures the logprob test alone, a smaller sample set trades power for time on a loaded machine.
     */
    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int samplePrompts = args.length > 1 ? Integer.parseInt(args[1]) : SAMPLE_PROMPTS.size();
        ProbeCollector.Probes probes = new ProbeCollector.Probes(LOGPROB_PROMPTS, 16, 5,
                SAMPLE_PROMPTS.subList(0, samplePrompts), args.length > 2 ? Integer.parseInt(args[2]) : 20,
                args.length > 3 ? Integer.parseInt(args[3]) : 40);
        Embedder embedder = new LocalEmbedder();
        Map<Distortion, List<Map<ChangeTest, TestResult>>> results = new EnumMap<>(Distortion.class);
        List<Integer> runsToDetect = new ArrayList<>();
        ProbeCollector.Replies cost = null;
        long started = System.nanoTime();
        try (ServedModel served = new ServedModel(7)) {
            ProbeCollector collector = new ProbeCollector(served.baseUrl(), LlamaServer.DEFAULT_ALIAS, 8, 11);
            for (int trial = 0; trial < trials; trial++) {
                served.serve(LlamaServer.Setup.of(LlamaServer.model()));
                ProbeRun reference = ProbeRun.of(collector.collect(probes), embedder);
                cost = reference.replies();
                for (Distortion distortion : Distortion.values()) {
                    apply(served, distortion);
                    long seed = 1000L * trial + distortion.ordinal();
                    ProbeRun current = ProbeRun.of(collector.collect(probes), embedder);
                    Map<ChangeTest, TestResult> tested = reference.test(current, seed);
                    results.computeIfAbsent(distortion, d -> new ArrayList<>()).add(tested);
                    System.err.printf("trial %d %s (%.0f s): %s%n", trial + 1, distortion,
                            (System.nanoTime() - started) / 1e9, pValues(tested));
                    if (distortion == Distortion.Q4_0 && samplePrompts > 0) {
                        runsToDetect.add(runsToDetect(collector, probes, embedder, reference, tested, seed));
                    }
                }
            }
        }
        ChangeTable.print(results, runsToDetect, cost, trials, (System.nanoTime() - started) / 1e9);
    }

    static void apply(ServedModel served, Distortion distortion) throws IOException, InterruptedException {
        LlamaServer.Setup original = LlamaServer.Setup.of(LlamaServer.model());
        switch (distortion) {
            case NONE -> served.serve(original);
            case F16 -> served.serve(copy(Precision.F16));
            case Q8_0 -> served.serve(copy(Precision.Q8_0));
            case Q4_0 -> served.serve(copy(Precision.Q4_0));
            case MIXTURE -> served.mix(original, copy(Precision.Q4_0));
            case TEMPLATE -> served.serve(original.withChatTemplate(TEMPLATE));
        }
    }

    private static LlamaServer.Setup copy(Precision precision) throws IOException, InterruptedException {
        Path model = ModelCopies.of(precision);
        return LlamaServer.Setup.of(model);
    }

    /**
     * The run (1..{@link #SEQUENTIAL_RUNS}) whose evidence from the sample tests alone (mmd and energy) first
     * reaches 1/{@link #SEQUENTIAL_ALPHA}, or 0 when none does; {@code first} is the first run's results.
     */
    private static int runsToDetect(ProbeCollector collector, ProbeCollector.Probes probes, Embedder embedder,
            ProbeRun reference, Map<ChangeTest, TestResult> first, long seed) throws Exception {
        Evidence evidence = EvidenceLedger.next(Evidence.start(), sampleTests(first));
        for (int run = 1; run <= SEQUENTIAL_RUNS; run++) {
            if (evidence.detected(SEQUENTIAL_ALPHA)) {
                return run;
            }
            if (run < SEQUENTIAL_RUNS) {
                ProbeRun next = ProbeRun.of(collector.collect(probes), embedder);
                evidence = EvidenceLedger.next(evidence, sampleTests(reference.test(next, seed + 100L * run)));
            }
        }
        return 0;
    }

    static List<TestResult> sampleTests(Map<ChangeTest, TestResult> results) {
        return results.values().stream().filter(r -> r.test() != ChangeTest.LOGPROBS).toList();
    }

    private static String pValues(Map<ChangeTest, TestResult> results) {
        StringBuilder text = new StringBuilder();
        results.forEach((test, result) -> text.append(test.name().toLowerCase()).append(" p=")
                .append(String.format("%.3g", result.pValue())).append(' '));
        return text.toString().trim();
    }
}
