package dev.seedwatch.analysis.change;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic served model for the simulations: three logprobs probes and three sample probes whose replies carry
 * batch-like noise. A logprobs reply lands in one of four batch slots, each slot shifting every token's log
 * probability by its own small fixed offset (as a server batching {@code -np 4} does), plus a jitter, rounded to six
 * decimals (so values tie, as real ones do); the top 5 of 8 tokens are listed, the 5th and 6th close enough to swap.
 * A sample reply is 4–8 words drawn from the probe's word distribution; its embedding is the mean of fixed random
 * word vectors plus noise. Every run draws fresh replies from the same distribution: that is "no change".
 */
final class SyntheticModel {

    static final int REPLIES = 12;
    static final int PROBES = 3;
    private static final int TOKENS = 8;
    private static final int LISTED = 5;
    private static final int SLOTS = 4;
    private static final int WORDS = 30;
    private static final int DIMENSION = 8;

    /** logprob: nats added to each token (in a fixed random direction); text: share of words from another mix. */
    record Shift(double logprob, double text) {
        static final Shift NONE = new Shift(0, 0);
    }

    record Run(List<Stratum<TopLogprobs>> logprobs, List<Stratum<String>> texts, List<Stratum<double[]>> embeddings) {
    }

    private final double[][] base = new double[PROBES][TOKENS];
    private final double[][][] slotOffsets = new double[PROBES][SLOTS][TOKENS];
    private final double[] direction = new double[TOKENS];
    private final double[][] wordWeights = new double[PROBES][WORDS];
    private final double[][] wordVectors = new double[WORDS][DIMENSION];

    SyntheticModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int p = 0; p < PROBES; p++) {
            double level = -0.05 - random.nextDouble();
            for (int t = 0; t < TOKENS; t++) {
                base[p][t] = level;
                level -= t == LISTED - 1 ? 0.0005 : 0.3 + random.nextDouble();
                for (int s = 0; s < SLOTS; s++) {
                    slotOffsets[p][s][t] = 3e-4 * gaussian(random);
                }
            }
            for (int w = 0; w < WORDS; w++) {
                wordWeights[p][w] = Math.pow(random.nextDouble(), 3);
            }
        }
        for (int t = 0; t < TOKENS; t++) {
            direction[t] = random.nextBoolean() ? 1 : -1;
        }
        for (double[] vector : wordVectors) {
            for (int d = 0; d < DIMENSION; d++) {
                vector[d] = gaussian(random);
            }
        }
    }

    /** The replies of one run, as both sides would see them. */
    List<List<TopLogprobs>> logprobReplies(SplittableRandom random, Shift shift) {
        List<List<TopLogprobs>> probes = new ArrayList<>();
        for (int p = 0; p < PROBES; p++) {
            List<TopLogprobs> replies = new ArrayList<>();
            for (int r = 0; r < REPLIES; r++) {
                replies.add(logprobReply(p, random, shift));
            }
            probes.add(replies);
        }
        return probes;
    }

    private TopLogprobs logprobReply(int probe, SplittableRandom random, Shift shift) {
        int slot = random.nextInt(SLOTS);
        Map<String, Double> all = new LinkedHashMap<>();
        for (int t = 0; t < TOKENS; t++) {
            double value = base[probe][t] + slotOffsets[probe][slot][t] + 1e-4 * gaussian(random)
                    + shift.logprob() * direction[t];
            all.put("t" + t, Math.round(value * 1e6) / 1e6);
        }
        Map<String, Double> listed = new LinkedHashMap<>();
        all.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(LISTED).forEach(e -> listed.put(e.getKey(), e.getValue()));
        return new TopLogprobs(listed);
    }

    List<List<String>> texts(SplittableRandom random, Shift shift) {
        List<List<String>> probes = new ArrayList<>();
        for (int p = 0; p < PROBES; p++) {
            List<String> replies = new ArrayList<>();
            for (int r = 0; r < REPLIES; r++) {
                StringBuilder text = new StringBuilder();
                int length = 4 + random.nextInt(5);
                for (int w = 0; w < length; w++) {
                    boolean shifted = random.nextDouble() < shift.text();
                    text.append(w == 0 ? "" : " ").append("w").append(word(shifted ? (p + 1) % PROBES : p, random));
                }
                replies.add(text.toString());
            }
            probes.add(replies);
        }
        return probes;
    }

    private int word(int probe, SplittableRandom random) {
        double total = 0;
        for (double weight : wordWeights[probe]) {
            total += weight;
        }
        double u = random.nextDouble() * total;
        for (int w = 0; w < WORDS; w++) {
            u -= wordWeights[probe][w];
            if (u < 0) {
                return w;
            }
        }
        return WORDS - 1;
    }

    double[] embedding(String text, SplittableRandom random) {
        String[] words = text.split(" ");
        double[] vector = new double[DIMENSION];
        for (String word : words) {
            double[] wordVector = wordVectors[Integer.parseInt(word.substring(1))];
            for (int d = 0; d < DIMENSION; d++) {
                vector[d] += wordVector[d] / words.length;
            }
        }
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] += 0.05 * gaussian(random);
        }
        return vector;
    }

    /** One run's strata against the given reference replies. */
    Run against(Run reference, SplittableRandom random, Shift shift) {
        List<List<TopLogprobs>> logprobs = logprobReplies(random, shift);
        List<List<String>> texts = texts(random, shift);
        List<Stratum<TopLogprobs>> logprobStrata = new ArrayList<>();
        List<Stratum<String>> textStrata = new ArrayList<>();
        List<Stratum<double[]>> embeddingStrata = new ArrayList<>();
        for (int p = 0; p < PROBES; p++) {
            String probe = "probe-" + p;
            logprobStrata.add(new Stratum<>(probe, reference.logprobs().get(p).current(), logprobs.get(p)));
            textStrata.add(new Stratum<>(probe, reference.texts().get(p).current(), texts.get(p)));
            List<double[]> embeddings = texts.get(p).stream().map(text -> embedding(text, random)).toList();
            embeddingStrata.add(new Stratum<>(probe, reference.embeddings().get(p).current(), embeddings));
        }
        return new Run(logprobStrata, textStrata, embeddingStrata);
    }

    /** The reference run: its replies sit on the "current" side of strata with an empty reference. */
    Run reference(SplittableRandom random) {
        Run empty = new Run(emptyStrata(), emptyStrata(), emptyStrata());
        return against(empty, random, Shift.NONE);
    }

    private static <T> List<Stratum<T>> emptyStrata() {
        List<Stratum<T>> strata = new ArrayList<>();
        for (int p = 0; p < PROBES; p++) {
            strata.add(new Stratum<>("probe-" + p, List.of(), List.of()));
        }
        return strata;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
