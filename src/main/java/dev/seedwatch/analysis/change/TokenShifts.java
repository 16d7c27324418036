package dev.seedwatch.analysis.change;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** For the page: the tokens of a logprobs probe whose mean log probability moved most between reference and run. */
public final class TokenShifts {

    private TokenShifts() {
    }

    /**
     * Every token seen in either side's top-K lists, largest |shift| first (ties by token), at most {@code limit};
     * empty when a side has no reply with log probabilities.
     */
    public static List<TokenShift> of(Stratum<TopLogprobs> stratum, int limit) {
        List<Map<String, Double>> reference = LogprobStatistic.usable(stratum.reference());
        List<Map<String, Double>> current = LogprobStatistic.usable(stratum.current());
        if (reference.isEmpty() || current.isEmpty()) {
            return List.of();
        }
        TreeSet<String> tokens = new TreeSet<>();
        reference.forEach(reply -> tokens.addAll(reply.keySet()));
        current.forEach(reply -> tokens.addAll(reply.keySet()));
        List<TokenShift> shifts = new ArrayList<>();
        for (String token : tokens) {
            shifts.add(new TokenShift(token, mean(reference, token), mean(current, token), share(reference, token),
                    share(current, token)));
        }
        shifts.sort(Comparator.comparingDouble((TokenShift shift) -> -Math.abs(shift.shift()))
                .thenComparing(TokenShift::token));
        return List.copyOf(shifts.subList(0, Math.min(Math.max(limit, 0), shifts.size())));
    }

    private static double mean(List<Map<String, Double>> replies, String token) {
        return replies.stream().mapToDouble(reply -> LogprobStatistic.imputed(reply, token)).average().orElseThrow();
    }

    private static double share(List<Map<String, Double>> replies, String token) {
        return replies.stream().filter(reply -> reply.containsKey(token)).count() / (double) replies.size();
    }
}
