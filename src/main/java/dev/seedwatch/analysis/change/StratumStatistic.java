package dev.seedwatch.analysis.change;

/**
 * One probe's share of a two-sample statistic, evaluated for a relabelling: {@code order[0..referenceSize)} are the
 * items labelled "reference", the rest "current". The statistic depends only on that split, never on the order within
 * a side.
 */
interface StratumStatistic {

    String probe();

    int size();

    int referenceSize();

    double value(int[] order);

    /**
     * An upper bound on the share of relabellings that {@link #separated} accepts, computed from the pooled items only
     * (no relabelling changes it); 0 when the statistic knows no such event.
     */
    default double separationShare() {
        return 0;
    }

    /** Whether the two sides of this relabelling separate completely (an event of probability ≤ separationShare). */
    default boolean separated(int[] order) {
        return false;
    }
}
