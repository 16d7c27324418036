package dev.seedwatch.analysis;

/**
 * Cosine distance = 1 − cosine similarity, clamped to [0, 2] (rounding can step slightly outside). A zero vector
 * (an empty or blank reply) has no direction: its similarity to anything is taken as 0, so its distance is 1.
 */
public final class CosineDistance {

    private CosineDistance() {
    }

    public static double between(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        int n = Math.min(a.length, b.length);
        if (a.length != b.length && a.length > 0 && b.length > 0) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        for (int i = 0; i < n; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        if (normA == 0 || normB == 0) {
            return 1.0;
        }
        double distance = 1.0 - dot / (Math.sqrt(normA) * Math.sqrt(normB));
        return Math.max(0.0, Math.min(2.0, distance));
    }
}
