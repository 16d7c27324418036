package dev.seedwatch.analysis.change;

import java.util.Arrays;
import java.util.List;

/**
 * The MMD kernel on reply texts: the mean of two positive-definite kernels, so itself one (k(x,x) = 1).
 * <ul>
 * <li>Hamming on the first {@value #PREFIX} code points (Gao et al. 2025 use it on tokens): the share of positions
 * where both texts hold the same code point, a position past a text's end holding "end". It sees where replies
 * diverge, but one inserted character shifts everything after it.</li>
 * <li>Cosine of character {@value #GRAM}-gram count vectors: what the replies say regardless of where; robust to
 * the shifts the Hamming kernel is blind after. A text shorter than a gram is its own single (padded) gram.</li>
 * </ul>
 */
final class TextKernel {

    static final int PREFIX = 256;
    static final int GRAM = 3;
    /** Above every code point (0x10FFFF), within the 21 bits each gets. */
    private static final int PAD = 0x1FFFFF;

    private TextKernel() {
    }

    static double[][] gram(List<String> texts) {
        int size = texts.size();
        int[][] points = new int[size][];
        Profile[] profiles = profiles(texts);
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

    /** A text's grams with their counts scaled to unit length, keys ascending (three code points in one long). */
    private record Profile(long[] grams, double[] weights) {
    }

    /** Unit-length gram counts; a text shorter than a gram is padded with a value no code point has. */
    private static Profile[] profiles(List<String> texts) {
        Profile[] profiles = new Profile[texts.size()];
        for (int i = 0; i < profiles.length; i++) {
            int[] text = texts.get(i).codePoints().toArray();
            long[] grams = new long[Math.max(1, text.length - GRAM + 1)];
            for (int at = 0; at < grams.length; at++) {
                long key = 0;
                for (int c = at; c < at + GRAM; c++) {
                    key = key << 21 | (c < text.length ? text[c] : PAD);
                }
                grams[at] = key;
            }
            Arrays.sort(grams);
            profiles[i] = counted(grams);
        }
        return profiles;
    }

    private static Profile counted(long[] sorted) {
        long[] keys = new long[sorted.length];
        double[] counts = new double[sorted.length];
        int distinct = 0;
        for (int at = 0; at < sorted.length; at++) {
            if (distinct == 0 || keys[distinct - 1] != sorted[at]) {
                keys[distinct++] = sorted[at];
            }
            counts[distinct - 1]++;
        }
        double norm = 0;
        for (int k = 0; k < distinct; k++) {
            norm += counts[k] * counts[k];
        }
        double[] weights = new double[distinct];
        for (int k = 0; k < distinct; k++) {
            weights[k] = counts[k] / Math.sqrt(norm);
        }
        return new Profile(Arrays.copyOf(keys, distinct), weights);
    }

    private static double cosine(Profile a, Profile b) {
        double dot = 0;
        int i = 0;
        int j = 0;
        while (i < a.grams().length && j < b.grams().length) {
            long x = a.grams()[i];
            long y = b.grams()[j];
            if (x == y) {
                dot += a.weights()[i++] * b.weights()[j++];
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return dot;
    }
}
