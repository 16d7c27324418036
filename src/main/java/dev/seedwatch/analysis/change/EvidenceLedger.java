package dev.seedwatch.analysis.change;

import java.util.List;

/**
 * Evidence over the runs since the reference: value after run s = Σ_{r ≤ s} w_r e_r, with e_r the mean of run r's
 * tests' calibrated e-values and Σ w_r = 1. Every run is compared with the same reference, so the runs' p-values
 * are dependent; this sum needs no independence: each e_r has expectation ≤ 1 under no change, so by linearity
 * E[value after infinitely many runs] ≤ Σ w_r ≤ 1, the value never decreases, and Markov's inequality gives
 * P(value ever ≥ 1/alpha) ≤ alpha (docs/change-detection.md).
 */
public final class EvidenceLedger {

    private static final double LN2 = Math.log(2);

    private EvidenceLedger() {
    }

    /** The evidence after one more run tested against the same reference; a run without tests changes nothing. */
    public static Evidence next(Evidence previous, List<TestResult> results) {
        if (results.isEmpty()) {
            return previous;
        }
        double e = results.stream().mapToDouble(result -> calibrate(result.pValue())).average().orElseThrow();
        int run = previous.runs() + 1;
        return new Evidence(run, previous.value() + weight(run) * e);
    }

    /**
     * The p-to-e calibrator f(p) = (1 − p + p ln p) / (p (ln p)²) of Vovk and Wang (2021): decreasing, with
     * ∫₀¹ f = 1, so E f(p) ≤ 1 for every valid p-value; f(1) = 1/2, f(1e-5) ≈ 755.
     */
    static double calibrate(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p-value outside (0, 1]: " + p);
        }
        if (p > 1 - 1e-6) {
            return 0.5;
        }
        double log = Math.log(p);
        return (1 - p + p * log) / (p * log * log);
    }

    /** w_s = ln 2 / ln(s + 1) − ln 2 / ln(s + 2): w_1 ≈ 0.369, Σ w_s = 1, decaying like ln 2 / (s ln² s). */
    static double weight(int run) {
        if (run < 1) {
            throw new IllegalArgumentException("runs count from 1: " + run);
        }
        return LN2 / Math.log(run + 1.0) - LN2 / Math.log(run + 2.0);
    }
}
