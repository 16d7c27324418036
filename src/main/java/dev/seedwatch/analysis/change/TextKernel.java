package dev.seedwatch.analysis.change;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MMD kernel on reply texts: the mean of two positive-definite kernels, so itself one (k(x,x) = 1).
 * <ul>
 * <li>Hamming on the first {@value #PREFIX} code points (Gao et al. 2025 use it on tokens): the share of positions
 * where both texts hold the same code point, a position past a text's end holding "end". It sees where replies
 * diverge, but one inserted character shifts everything after it.</li>
 * <li>Cosine of character {@value #GRAM}-gram count vectors: what the replies say regardless of where; robust to
 * the shifts the Hamming kernel is blind after. A text shorter than a gram is its own single gram.</li>
 * </ul>
 */
final class TextKernel {

    static final int PREFIX = 256;
    static final int GRAM = 3;

    private TextKernel() {
    }

    static double[][] gram(List<String> texts) {
        int size = texts.size();
        int[][] points = new int[size][];
        Map<String, Double>[] profiles = profiles(texts);
        for (int i = 0; i < size; i++) {
            points[i] = texts.get(i).codePoints().limit(PREFIX).toArray();
        }
        double[][] gram = new double[size][size];
        for (int i = 0; i < size; i++) {
            gram[i][i] = 1;
            for (int j = i + 1; j < size; j++) {
                double k = (hamming(points[i], points[j]) + cosine(profiles[i], profiles[j])) / 2;
                gram[i][j] = k;
                gram[j][i] = k;
            }
        }
        return gram;
    }

    static double hamming(int[] a, int[] b) {
        int same = PREFIX - Math.max(a.length, b.length);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / PREFIX;
    }

    /** Unit-length gram counts; the empty text is its own direction, so k(empty, empty) = 1. */
    @SuppressWarnings("unchecked")
    private static Map<String, Double>[] profiles(List<String> texts) {
        Map<String, Double>[] profiles = new Map[texts.size()];
        for (int i = 0; i < profiles.length; i++) {
            int[] text = texts.get(i).codePoints().toArray();
            Map<String, Double> counts = new HashMap<>();
            if (text.length <= GRAM) {
                counts.put(new String(text, 0, text.length), 1.0);
            } else {
                for (int at = 0; at + GRAM <= text.length; at++) {
                    counts.merge(new String(text, at, GRAM), 1.0, Double::sum);
                }
            }
            double norm = Math.sqrt(counts.values().stream().mapToDouble(c -> c * c).sum());
            counts.replaceAll((gram, count) -> count / norm);
            profiles[i] = counts;
        }
        return profiles;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double dot = 0;
        for (Map.Entry<String, Double> e : small.entrySet()) {
            dot += e.getValue() * large.getOrDefault(e.getKey(), 0.0);
        }
        return dot;
    }
}
