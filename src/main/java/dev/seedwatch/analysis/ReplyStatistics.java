package dev.seedwatch.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The within-run figures of one prompt, computed over the texts of its successful replays (in replay order).
 * Figures that need more replies than there are come back null, which the sinks turn into an absent series.
 */
public final class ReplyStatistics {

    private ReplyStatistics() {
    }

    /** Distinct texts with how often each came back, in order of first appearance. */
    public static Map<String, Integer> counts(List<String> texts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : texts) {
            counts.merge(t, 1, Integer::sum);
        }
        return counts;
    }

    /** The text with the highest count; ties go to the lexicographically smallest (by code point). Null if none. */
    public static String mostCommon(Map<String, Integer> counts) {
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || e.getValue() == bestCount && compareCodePoints(e.getKey(), best) < 0) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /** seedwatch_exact_match_ratio: share of successful replays whose text is the most common text; null if none. */
    public static Double exactMatchRatio(Map<String, Integer> counts, int successes) {
        if (successes == 0) {
            return null;
        }
        return counts.get(mostCommon(counts)) / (double) successes;
    }

    /** seedwatch_common_prefix_chars: code points shared at the start of every text; null if there is no text. */
    public static Integer commonPrefixCodePoints(List<String> texts) {
        if (texts.isEmpty()) {
            return null;
        }
        String first = texts.get(0);
        int end = first.length(); // UTF-16 index in first, kept on a code point boundary
        for (String other : texts.subList(1, texts.size())) {
            int i = 0;
            int limit = Math.min(end, other.length());
            while (i < limit) {
                int cp = first.codePointAt(i);
                int width = Character.charCount(cp);
                if (i + width > other.length() || other.codePointAt(i) != cp) {
                    break;
                }
                i += width;
            }
            end = i;
        }
        return first.codePointCount(0, end);
    }

    /** Mean and max of the pairwise distances (i < j), and the cookbook's mean distance from the first to the rest. */
    public record Distances(double mean, double max, double firstToRestMean) {
    }

    /**
     * Pairwise distances over all successful replays. Identical texts are 0 apart, so the sum runs over pairs of
     * distinct texts weighted by their counts: O(distinct²) distance look-ups instead of O(replies²). Null for
     * fewer than two texts.
     */
    public static Distances distances(List<String> texts, TextDistance distance) {
        int n = texts.size();
        if (n < 2) {
            return null;
        }
        Map<String, Integer> counts = counts(texts);
        List<Map.Entry<String, Integer>> groups = new ArrayList<>(counts.entrySet());
        double sum = 0;
        double max = 0;
        for (int a = 0; a < groups.size(); a++) {
            for (int b = a + 1; b < groups.size(); b++) {
                double d = distance.between(groups.get(a).getKey(), groups.get(b).getKey());
                sum += d * groups.get(a).getValue() * groups.get(b).getValue();
                max = Math.max(max, d);
            }
        }
        double pairs = n * (n - 1) / 2.0;
        String first = texts.get(0);
        double fromFirst = 0;
        for (Map.Entry<String, Integer> g : groups) {
            if (!g.getKey().equals(first)) {
                fromFirst += distance.between(first, g.getKey()) * g.getValue();
            }
        }
        return new Distances(sum / pairs, max, fromFirst / (n - 1));
    }

    static int compareCodePoints(String a, String b) {
        if (b == null) {
            return -1;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
