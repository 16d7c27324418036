package dev.seedwatch.analysis.change;

/**
 * The biased (V-statistic) squared maximum mean discrepancy for a Gram matrix G of a kernel k:
 * MMD² = mean k(x,x') + mean k(y,y') − 2 mean k(x,y), over all ordered pairs within and across the sides (Gretton et
 * al. 2012). With k = −d for a distance d this is the energy distance 2 E d(x,y) − E d(x,x') − E d(y,y') (Székely and
 * Rizzo), so both sample tests share this class. The biased form is defined from one reply per side on, which the
 * unbiased one is not; a permutation test is valid with either.
 */
final class GramStatistic implements StratumStatistic {

    private final String probe;
    private final int referenceSize;
    private final double[][] gram;
    private final double total;

    GramStatistic(String probe, int referenceSize, double[][] gram) {
        this.probe = probe;
        this.referenceSize = referenceSize;
        this.gram = gram;
        double sum = 0;
        for (double[] row : gram) {
            for (double v : row) {
                sum += v;
            }
        }
        this.total = sum;
    }

    @Override
    public String probe() {
        return probe;
    }

    @Override
    public int size() {
        return gram.length;
    }

    @Override
    public int referenceSize() {
        return referenceSize;
    }

    @Override
    public double value(int[] order) {
        int n = referenceSize;
        int m = gram.length - n;
        double within = blockSum(order, 0, n);
        double withinCurrent = blockSum(order, n, gram.length);
        double across = (total - within - withinCurrent) / 2;
        return within / ((double) n * n) + withinCurrent / ((double) m * m) - 2 * across / ((double) n * m);
    }

    private double blockSum(int[] order, int from, int to) {
        double sum = 0;
        for (int a = from; a < to; a++) {
            double[] row = gram[order[a]];
            for (int b = from; b < to; b++) {
                sum += row[order[b]];
            }
        }
        return sum;
    }
}
