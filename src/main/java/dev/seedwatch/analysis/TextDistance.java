package dev.seedwatch.analysis;

import java.util.Map;

/**
 * Distance between two reply texts: exactly 0 when they are identical (no embedding needed), otherwise the cosine
 * distance of their embeddings.
 */
@FunctionalInterface
public interface TextDistance {

    double between(String a, String b);

    /**
     * @throws IllegalArgumentException when the embeddings are not all of one dimension (an empty vector, a blank
     *         text's, aside): an endpoint answering so is broken, and no distance between its vectors means anything
     */
    static TextDistance of(Map<String, float[]> embeddings) {
        int dimension = 0;
        for (float[] vector : embeddings.values()) {
            if (vector == null) {
                throw new IllegalArgumentException("the embedder returned no vector for a text");
            }
            if (vector.length > 0 && dimension > 0 && vector.length != dimension) {
                throw new IllegalArgumentException(
                        "the embedder returned vectors of different dimensions (" + dimension + " and "
                                + vector.length + ")");
            }
            dimension = vector.length > 0 ? vector.length : dimension;
        }
        return (a, b) -> {
            if (a.equals(b)) {
                return 0.0;
            }
            float[] va = embeddings.get(a);
            float[] vb = embeddings.get(b);
            if (va == null || vb == null) {
                throw new IllegalStateException("no embedding for a reply text; it should have been embedded");
            }
            return CosineDistance.between(va, vb);
        };
    }
}
