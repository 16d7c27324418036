package dev.seedwatch.suite;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/** The "did you mean" of an unknown key: the known key a typo most likely meant. */
final class KeyHint {

    private KeyHint() {
    }

    /** The known key a typo most likely meant: small edit distance, or one is a prefix of the other. */
    static Optional<String> closest(String name, Set<String> known) {
        return known.stream()
                .filter(k -> editDistance(name, k) <= Math.max(2, k.length() / 4) || k.startsWith(name) || name.startsWith(k))
                .min(Comparator.comparingInt((String k) -> editDistance(name, k)).thenComparing(k -> k));
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
