package dev.seedwatch.analysis.change;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A permutation test stratified by probe: each relabelling shuffles the replies within every probe independently and
 * the statistic is summed over the probes. Ties count as exceedances (and so does a relabelling within a rounding
 * error of the observed statistic), which only ever makes p larger.
 *
 * <p>
 * <b>Stages.</b> Stage i draws relabellings up to {@code draws[i]} in total; it stops with p = (1 + G) / (1 + draws[i])
 * (G: exceedances so far) unless G &lt; {@value #EXCEEDANCES} and a further stage exists. Valid: for a level a, let j
 * be the first stage whose smallest stopping value (EXCEEDANCES + 1) / (1 + draws[j]) is ≤ a (else the last); a
 * stop before j cannot give p ≤ a, and going on past j needs (1 + G_j) / (1 + draws[j]) &lt; a, so
 * {p ≤ a} ⊆ {(1 + G_j) / (1 + draws[j]) ≤ a}, the event of an ordinary Monte Carlo p-value: probability ≤ a. A run
 * that looks unchanged costs only the first stage; a strong change gets a p-value down to 1 / (1 + the last stage).
 *
 * <p>
 * <b>Exact tail.</b> When the strata know an event "the sides separate completely" whose share of relabellings is at
 * most q (the sum over strata of their bounds; used only when q is far below the Monte Carlo floor), the observed
 * labels in that event get p = q, and otherwise p = q + (1 − q) p', p' drawn from relabellings outside the event.
 * Valid: under no change the observed labelling is uniform, so it lies in the event with probability ≤ q, and outside
 * it p' is an ordinary permutation p-value among the remaining relabellings; for a ≥ q, P(p ≤ a) ≤ q + (1 − q)(a − q)
 * / (1 − q) = a. This is how a complete swap reaches p-values far below 1 / (1 + draws).
 */
final class PermutationTest {

    static final int EXCEEDANCES = 10;
    /** Draw counts of the stages (cumulative). */
    static final int[] DEFAULT_STAGES = {999, 9_999, 99_999, 999_999};

    private PermutationTest() {
    }

    /** The p-value of the observed labelling over strata that each have ≥ 1 item per side. */
    static double pValue(List<StratumStatistic> strata, long seed, int[] stages) {
        int[][] orders = new int[strata.size()][];
        for (int s = 0; s < orders.length; s++) {
            orders[s] = identity(strata.get(s).size());
        }
        double observed = statistic(strata, orders);
        double exactShare = strata.stream().mapToDouble(StratumStatistic::separationShare).sum();
        boolean exact = exactShare > 0 && exactShare <= 0.01 / (1 + stages[stages.length - 1]);
        if (exact && anySeparated(strata, orders)) {
            return exactShare;
        }
        double tolerance = 1e-9 * Math.abs(observed) + 1e-12;
        SplittableRandom random = new SplittableRandom(seed);
        int exceedances = 0;
        int drawn = 0;
        double p = 1;
        for (int stage = 0; stage < stages.length; stage++) {
            while (drawn < stages[stage]) {
                shuffle(strata, orders, random);
                if (exact && anySeparated(strata, orders)) {
                    continue;
                }
                drawn++;
                if (statistic(strata, orders) >= observed - tolerance) {
                    exceedances++;
                }
            }
            p = (1.0 + exceedances) / (1.0 + drawn);
            if (exceedances >= EXCEEDANCES) {
                break;
            }
        }
        return exact ? exactShare + (1 - exactShare) * p : p;
    }

    /** The statistic of the observed labelling (reference items first in every stratum). */
    static double observed(List<StratumStatistic> strata) {
        int[][] orders = new int[strata.size()][];
        for (int s = 0; s < orders.length; s++) {
            orders[s] = identity(strata.get(s).size());
        }
        return statistic(strata, orders);
    }

    private static double statistic(List<StratumStatistic> strata, int[][] orders) {
        double sum = 0;
        for (int s = 0; s < orders.length; s++) {
            sum += strata.get(s).value(orders[s]);
        }
        return sum;
    }

    private static boolean anySeparated(List<StratumStatistic> strata, int[][] orders) {
        for (int s = 0; s < orders.length; s++) {
            if (strata.get(s).separated(orders[s])) {
                return true;
            }
        }
        return false;
    }

    /** A uniform split per stratum: a partial Fisher–Yates shuffle of the reference positions. */
    private static void shuffle(List<StratumStatistic> strata, int[][] orders, SplittableRandom random) {
        for (int s = 0; s < orders.length; s++) {
            int[] order = orders[s];
            int n = strata.get(s).referenceSize();
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(order.length - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
    }

    private static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }
}
