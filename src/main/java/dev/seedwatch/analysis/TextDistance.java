package dev.seedwatch.analysis;

import java.util.Map;

/**
 * Distance between two reply texts: exactly 0 when they are identical (no embedding needed), otherwise the cosine
 * distance of their embeddings.
 */
@FunctionalInterface
public interface TextDistance {

    double between(String a, String b);

    static TextDistance of(Map<String, float[]> embeddings) {
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
