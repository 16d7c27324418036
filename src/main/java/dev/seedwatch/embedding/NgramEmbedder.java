package dev.seedwatch.embedding;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A text's bag of character 3-grams and words, hashed into {@value #DIMENSION} counts: a string kernel (the kind
 * Model Equality Testing compares model outputs with) that needs no model, no native library and no network, so the
 * native executable has it too. It measures how much of the wording two replies share, not their meaning: a
 * paraphrase is far, a reply that swaps one word is near.
 *
 * <p>A text is normalised first (NFC, lower case, every run of white space one space) and padded with a space at
 * each end, so that the 3-grams mark where words begin and end. Features are its 3-grams of code points and its
 * words (runs of letters and digits), each counted once per occurrence, weight 1. A feature's slot is the FNV-1a hash
 * of its UTF-8 bytes (prefixed {@code c:} or {@code w:}, so that a word and a 3-gram that spell the same are two
 * features), mixed by MurmurHash3's finaliser, modulo the dimension. The same text gives the same vector on every
 * machine and in every version that keeps {@link #MODEL_ID}.
 */
public final class NgramEmbedder implements Embedder {

    public static final int DIMENSION = 1024;
    public static final String MODEL_ID = "ngram:char3+word1-fnv1a-" + DIMENSION;

    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        texts.forEach(t -> vectors.add(vector(t)));
        return vectors;
    }

    /** The counts of a text's features by slot; the zero-length vector for an empty or blank text. */
    static float[] vector(String text) {
        List<String> features = features(text);
        if (features.isEmpty()) {
            return new float[0];
        }
        float[] vector = new float[DIMENSION];
        features.forEach(f -> vector[slot(f)]++);
        return vector;
    }

    /** A text's features: {@code c:} and its 3-grams, then {@code w:} and its words, in text order. */
    static List<String> features(String text) {
        String normal = SPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT))
                .replaceAll(" ").strip();
        List<String> features = new ArrayList<>();
        if (normal.isEmpty()) {
            return features;
        }
        int[] points = (" " + normal + " ").codePoints().toArray();
        for (int i = 0; i + 3 <= points.length; i++) {
            features.add("c:" + new String(points, i, 3));
        }
        for (String word : NOT_WORD.split(normal)) {
            if (!word.isEmpty()) {
                features.add("w:" + word);
            }
        }
        return features;
    }

    static int slot(String feature) {
        int hash = 0x811c9dc5;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return Integer.remainderUnsigned(hash, DIMENSION);
    }
}
