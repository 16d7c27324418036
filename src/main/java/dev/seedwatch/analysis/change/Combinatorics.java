package dev.seedwatch.analysis.change;

import java.util.Arrays;

/** Counting relabellings of one stratum: which splits of N pooled values put the n extreme ones on one side. */
final class Combinatorics {

    private Combinatorics() {
    }

    /** ln C(n, k). */
    static double logChoose(int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        int small = Math.min(k, n - k);
        double log = 0;
        for (int i = 1; i <= small; i++) {
            log += Math.log(n - small + i) - Math.log(i);
        }
        return log;
    }

    /**
     * The share of the C(N, n) splits whose n-side holds exactly the n largest values, plus the share whose n-side
     * holds exactly the n smallest (as multisets: with k values equal to the boundary one, of which j belong to the
     * extreme n, there are C(k, j) such splits).
     */
    static double extremeSubsetShare(double[] values, int n) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int size = sorted.length;
        double all = logChoose(size, n);
        double smallest = Math.exp(boundaryWays(sorted, n, true) - all);
        double largest = Math.exp(boundaryWays(sorted, n, false) - all);
        return smallest + largest;
    }

    /** ln of the number of ways to choose, among the values equal to sorted[at], those an extreme n-set holds. */
    private static double boundaryWays(double[] sorted, int n, boolean lowSide) {
        double boundary = lowSide ? sorted[n - 1] : sorted[sorted.length - n];
        int equal = 0;
        int inside = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] == boundary) {
                equal++;
                if (lowSide ? i < n : i >= sorted.length - n) {
                    inside++;
                }
            }
        }
        return logChoose(equal, inside);
    }

    /** Whether the relabelling's n-side values all lie at or above, or all at or below, the other side's. */
    static boolean separates(double[] values, int[] order, int n) {
        double minInside = Double.POSITIVE_INFINITY;
        double maxInside = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            double v = values[order[a]];
            minInside = Math.min(minInside, v);
            maxInside = Math.max(maxInside, v);
        }
        double minOutside = Double.POSITIVE_INFINITY;
        double maxOutside = Double.NEGATIVE_INFINITY;
        for (int a = n; a < order.length; a++) {
            double v = values[order[a]];
            minOutside = Math.min(minOutside, v);
            maxOutside = Math.max(maxOutside, v);
        }
        return minInside >= maxOutside || maxInside <= minOutside;
    }
}
