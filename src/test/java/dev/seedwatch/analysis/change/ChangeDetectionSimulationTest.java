package dev.seedwatch.analysis.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The false-alarm guarantee and the p-values' validity, shown on simulated null sequences (fixed seeds: the test is
 * deterministic and fails only if the method is wrong). The null runs draw 99 relabellings per test and skip the
 * per-probe p-values: any budget gives valid p-values (PermutationTest) and the guarantee rests on validity alone,
 * so a small budget checks the same guarantee; it only coarsens p (to multiples of 0.01), which is what the
 * uniformity check's bins are aligned to. The figures are in docs/change-detection.md.
 */
class ChangeDetectionSimulationTest {

    private static final int SEQUENCES = 1000;
    private static final int RUNS = 30;
    private static final ChangeTests.Budget NULL_BUDGET = new ChangeTests.Budget(new int[] {99}, false);
    private static final ChangeTests.Budget SHIFT_BUDGET = new ChangeTests.Budget(new int[] {99, 999, 9_999,
            99_999}, false);
    private static final double[] ALPHAS = {0.01, 0.05, 0.1, 0.2};

    /** One sequence: first-run p-values per test and the evidence after every run. */
    private record Sequence(double[] firstPValues, double[] evidence) {
    }

    @Test
    void underNoChangeTheEvidenceRarelyCrossesOneOverAlphaAndPValuesAreUniform() {
        List<Sequence> sequences = IntStream.range(0, SEQUENCES).parallel().mapToObj(i -> nullSequence(1000L + i))
                .toList();
        for (double alpha : ALPHAS) {
            long alarms = sequences.stream().filter(s -> s.evidence()[RUNS - 1] >= 1 / alpha).count();
            double share = (double) alarms / SEQUENCES;
            double margin = 3 * Math.sqrt(alpha * (1 - alpha) / SEQUENCES);
            System.out.printf("null: alpha %.2f -> false-alarm share over %d runs %.4f (bound %.4f)%n", alpha, RUNS,
                    share, alpha + margin);
            assertThat(share).as("false-alarm share at alpha %s", alpha).isLessThanOrEqualTo(alpha + margin);
        }
        double[] last = sequences.stream().mapToDouble(s -> s.evidence()[RUNS - 1]).sorted().toArray();
        System.out.printf("null: evidence after %d runs: mean %.3f, 99th percentile %.3f, max %.3f%n", RUNS, Arrays
                .stream(last).average().orElseThrow(), last[(int) (0.99 * last.length)], last[last.length - 1]);
        for (ChangeTest test : ChangeTest.values()) {
            double[] pValues = sequences.stream().mapToDouble(s -> s.firstPValues()[test.ordinal()]).toArray();
            double chiSquare = chiSquareOnTenBins(pValues);
            System.out.printf("null: %s first-run p-values: chi-square %.2f on 9 df; P(p <= 0.05) = %.3f%n", test,
                    chiSquare, share(pValues, 0.05));
            // 27.88 = the 0.999 quantile of chi-square with 9 degrees of freedom
            assertThat(chiSquare).as("uniformity of %s p-values", test).isLessThan(27.88);
        }
    }

    @Test
    void shiftsAreDetected() {
        // F16-like, a suite with logprobs probes only: every token moves by 3e-3 nats, more than the batch noise
        // spreads, so the sides separate: the exact p-value alone takes the first run over 1/alpha
        assertThat(detectionRate(new SyntheticModel.Shift(3e-3, 0), EnumSet.of(ChangeTest.LOGPROBS), 1, 0.01))
                .isEqualTo(1.0);
        // a shift of one batch-noise SD: found within 4 runs
        assertThat(detectionRate(new SyntheticModel.Shift(3e-4, 0), EnumSet.of(ChangeTest.LOGPROBS), 4, 0.01))
                .isGreaterThanOrEqualTo(0.8);
        // sample probes only: every word from another distribution; weaker mixtures are reported, not required
        Set<ChangeTest> sampled = EnumSet.of(ChangeTest.MMD, ChangeTest.ENERGY);
        assertThat(detectionRate(new SyntheticModel.Shift(0, 1), sampled, 4, 0.05)).isGreaterThanOrEqualTo(0.8);
        detectionRate(new SyntheticModel.Shift(0, 0.6), sampled, 4, 0.05);
    }

    private static double detectionRate(SyntheticModel.Shift shift, Set<ChangeTest> tests, int runs, double alpha) {
        int sequences = 20;
        long detected = IntStream.range(0, sequences).parallel().filter(i -> {
            SyntheticModel model = new SyntheticModel(5000L + i);
            SplittableRandom random = new SplittableRandom(9000L + i);
            SyntheticModel.Run reference = model.reference(random);
            Evidence evidence = Evidence.start();
            for (int run = 0; run < runs && !evidence.detected(alpha); run++) {
                List<TestResult> results = results(model.against(reference, random, shift), run, SHIFT_BUDGET);
                results.removeIf(result -> !tests.contains(result.test()));
                evidence = EvidenceLedger.next(evidence, results);
            }
            return evidence.detected(alpha);
        }).count();
        double rate = (double) detected / sequences;
        System.out.printf("shift %s on %s: detected within %d runs at alpha %.2f in %.2f of %d sequences%n", shift,
                tests, runs, alpha, rate, sequences);
        return rate;
    }

    private static Sequence nullSequence(long seed) {
        SyntheticModel model = new SyntheticModel(seed);
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        SyntheticModel.Run reference = model.reference(random);
        double[] evidence = new double[RUNS];
        double[] first = new double[ChangeTest.values().length];
        Evidence ledger = Evidence.start();
        for (int run = 0; run < RUNS; run++) {
            List<TestResult> results = results(model.against(reference, random, SyntheticModel.Shift.NONE), seed * 97
                    + run, NULL_BUDGET);
            if (run == 0) {
                results.forEach(result -> first[result.test().ordinal()] = result.pValue());
            }
            ledger = EvidenceLedger.next(ledger, results);
            evidence[run] = ledger.value();
        }
        return new Sequence(first, evidence);
    }

    private static List<TestResult> results(SyntheticModel.Run run, long seed, ChangeTests.Budget budget) {
        List<TestResult> results = new ArrayList<>();
        ChangeTests.logprobs(run.logprobs(), seed, budget).ifPresent(results::add);
        ChangeTests.mmd(run.texts(), seed + 1, budget).ifPresent(results::add);
        ChangeTests.energy(run.embeddings(), seed + 2, budget).ifPresent(results::add);
        return results;
    }

    /** Bins (0, 0.1], (0.1, 0.2], …: with 99 relabellings p is a multiple of 0.01, so each bin holds 10 values. */
    private static double chiSquareOnTenBins(double[] pValues) {
        int[] counts = new int[10];
        for (double p : pValues) {
            counts[Math.min(9, (int) Math.ceil(p * 10 - 1e-9) - 1)]++;
        }
        double expected = pValues.length / 10.0;
        return Arrays.stream(counts).mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
    }

    private static double share(double[] values, double atMost) {
        return Arrays.stream(values).filter(v -> v <= atMost).count() / (double) values.length;
    }
}
