package dev.seedwatch.analysis.change;

/**
 * Accumulated evidence since the reference was set: {@code runs} tested so far, {@code value} the sum of their
 * weighted e-values (see {@link EvidenceLedger}). Under no change, P(value ever reaches 1/alpha) ≤ alpha.
 */
public record Evidence(int runs, double value) {

    public Evidence {
        if (runs < 0 || !(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("invalid evidence: runs " + runs + ", value " + value);
        }
    }

    /** No run tested yet. */
    public static Evidence start() {
        return new Evidence(0, 0);
    }

    /** value ≥ 1 / alpha: "changed". */
    public boolean detected(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha outside (0, 1): " + alpha);
        }
        return value >= 1 / alpha;
    }
}
