package dev.seedwatch.analysis.change;

import java.util.List;

/** The energy test's Gram matrix: minus the Euclidean distance between every pair of embeddings. */
final class Embeddings {

    private Embeddings() {
    }

    static double[][] negatedDistances(List<double[]> vectors) {
        int size = vectors.size();
        int dimension = vectors.get(0).length;
        for (double[] vector : vectors) {
            if (vector.length != dimension) {
                throw new IllegalArgumentException("embeddings differ in length: " + dimension + " vs "
                        + vector.length);
            }
        }
        double[][] gram = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                double distance = distance(vectors.get(i), vectors.get(j));
                gram[i][j] = -distance;
                gram[j][i] = -distance;
            }
        }
        return gram;
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
