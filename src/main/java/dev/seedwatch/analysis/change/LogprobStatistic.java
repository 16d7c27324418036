package dev.seedwatch.analysis.change;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The logprobs test's share of one probe (Log Probability Tracking, Chauvin et al. 2025): for every token seen in any
 * reply's top-K list, the difference between the sides' mean log probabilities, in units of that token's standard
 * deviation over all the probe's replies (a figure no relabelling changes), summed as absolute values. Scaling
 * keeps a token that drifts in and out of the lists (jumping to the floor below) from drowning a steady token's
 * small, consistent shift. A reply lacking a token counts at its own lowest listed log probability, an upper bound
 * on the true value (the paper's imputation). Tokens with one value in every reply carry nothing and are left out.
 *
 * <p>
 * Complete separation: a token whose reference values all lie at or above (or all at or below) its current values.
 * Among relabellings, the share for which some token separates is at most the sum over tokens of
 * (labellings putting the n largest, resp. smallest, values on the reference side) / C(N, n); ties at the boundary
 * are counted exactly (C(k, j) ways to pick the j boundary values of k equal ones).
 */
final class LogprobStatistic implements StratumStatistic {

    private final String probe;
    private final int referenceSize;
    private final int size;
    private final double[][] values;
    private final double[] weights;
    private final double[] totals;
    private final double separationShare;

    private LogprobStatistic(String probe, int referenceSize, int size, double[][] values) {
        this.probe = probe;
        this.referenceSize = referenceSize;
        this.size = size;
        this.values = values;
        int tokens = values.length;
        this.weights = new double[tokens];
        this.totals = new double[tokens];
        double share = 0;
        for (int t = 0; t < tokens; t++) {
            double[] column = values[t];
            double mean = Arrays.stream(column).average().orElseThrow();
            double variance = Arrays.stream(column).map(v -> (v - mean) * (v - mean)).sum() / column.length;
            totals[t] = Arrays.stream(column).sum();
            weights[t] = variance > 0 ? 1 / Math.sqrt(variance) : 0;
            if (variance > 0) {
                share += Combinatorics.extremeSubsetShare(column, referenceSize);
            }
        }
        this.separationShare = Math.min(1, share);
    }

    /** Empty when a side has no reply with log probabilities. */
    static Optional<StratumStatistic> of(Stratum<TopLogprobs> stratum) {
        List<Map<String, Double>> reference = usable(stratum.reference());
        List<Map<String, Double>> current = usable(stratum.current());
        if (reference.isEmpty() || current.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Double>> replies = new ArrayList<>(reference);
        replies.addAll(current);
        TreeSet<String> tokens = new TreeSet<>();
        replies.forEach(reply -> tokens.addAll(reply.keySet()));
        double[][] values = new double[tokens.size()][replies.size()];
        int t = 0;
        for (String token : tokens) {
            for (int r = 0; r < replies.size(); r++) {
                values[t][r] = imputed(replies.get(r), token);
            }
            t++;
        }
        return Optional.of(new LogprobStatistic(stratum.probe(), reference.size(), replies.size(), values));
    }

    /** The reply's log probability of the token; its lowest listed one when the token is not listed. */
    static double imputed(Map<String, Double> reply, String token) {
        Double listed = reply.get(token);
        return listed != null ? listed : reply.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** Replies with at least one finite log probability, non-finite entries dropped. */
    static List<Map<String, Double>> usable(List<TopLogprobs> replies) {
        List<Map<String, Double>> usable = new ArrayList<>();
        for (TopLogprobs reply : replies) {
            Map<String, Double> finite = new HashMap<>();
            reply.byToken().forEach((token, logprob) -> {
                if (Double.isFinite(logprob)) {
                    finite.put(token, logprob);
                }
            });
            if (!finite.isEmpty()) {
                usable.add(finite);
            }
        }
        return usable;
    }

    @Override
    public String probe() {
        return probe;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int referenceSize() {
        return referenceSize;
    }

    @Override
    public double value(int[] order) {
        int n = referenceSize;
        int m = size() - n;
        double sum = 0;
        for (int t = 0; t < values.length; t++) {
            if (weights[t] == 0) {
                continue;
            }
            double[] column = values[t];
            double reference = 0;
            for (int a = 0; a < n; a++) {
                reference += column[order[a]];
            }
            sum += weights[t] * Math.abs(reference / n - (totals[t] - reference) / m);
        }
        return sum;
    }

    @Override
    public double separationShare() {
        return separationShare;
    }

    @Override
    public boolean separated(int[] order) {
        for (int t = 0; t < values.length; t++) {
            if (weights[t] > 0 && Combinatorics.separates(values[t], order, referenceSize)) {
                return true;
            }
        }
        return false;
    }
}
