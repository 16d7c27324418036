package dev.seedwatch.analysis.change;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The three two-sample tests of a run against its reference, each a permutation test stratified by probe (see
 * {@link PermutationTest} for why its p-values are valid). A probe with no usable reply on one side adds nothing (no
 * relabelling can move its share of the statistic) and is left out; a test with no probe left is absent.
 */
public final class ChangeTests {

    private ChangeTests() {
    }

    /** Per token in any top-K list: |difference of mean log probabilities| / the token's SD, summed over tokens and probes. */
    public static Optional<TestResult> logprobs(List<Stratum<TopLogprobs>> strata, long seed) {
        return logprobs(strata, seed, Budget.DEFAULT);
    }

    /** Biased MMD² with {@link TextKernel} on the reply texts, summed over probes. */
    public static Optional<TestResult> mmd(List<Stratum<String>> strata, long seed) {
        return mmd(strata, seed, Budget.DEFAULT);
    }

    /** Energy distance with the Euclidean distance between embeddings, summed over probes. */
    public static Optional<TestResult> energy(List<Stratum<double[]>> strata, long seed) {
        return energy(strata, seed, Budget.DEFAULT);
    }

    static Optional<TestResult> logprobs(List<Stratum<TopLogprobs>> strata, long seed, Budget budget) {
        return run(ChangeTest.LOGPROBS, strata, LogprobStatistic::of, seed, budget);
    }

    static Optional<TestResult> mmd(List<Stratum<String>> strata, long seed, Budget budget) {
        return run(ChangeTest.MMD, strata, stratum -> gram(stratum, TextKernel::gram), seed, budget);
    }

    static Optional<TestResult> energy(List<Stratum<double[]>> strata, long seed, Budget budget) {
        return run(ChangeTest.ENERGY, strata, stratum -> gram(stratum, Embeddings::negatedDistances), seed, budget);
    }

    /**
     * How many relabellings to draw (see {@link PermutationTest}) and whether to test each probe alone as well; the
     * simulations use a smaller budget and skip the probes.
     */
    record Budget(int[] stages, boolean probes) {
        static final Budget DEFAULT = new Budget(PermutationTest.DEFAULT_STAGES, true);
    }

    private static <T> Optional<StratumStatistic> gram(Stratum<T> stratum, Function<List<T>, double[][]> kernel) {
        if (stratum.reference().isEmpty() || stratum.current().isEmpty()) {
            return Optional.empty();
        }
        List<T> pooled = new ArrayList<>(stratum.reference());
        pooled.addAll(stratum.current());
        return Optional.of(new GramStatistic(stratum.probe(), stratum.reference().size(), kernel.apply(pooled)));
    }

    private static <T> Optional<TestResult> run(ChangeTest test, List<Stratum<T>> strata,
            Function<Stratum<T>, Optional<StratumStatistic>> statistic, long seed, Budget budget) {
        Set<String> probes = new HashSet<>();
        List<StratumStatistic> usable = new ArrayList<>();
        for (Stratum<T> stratum : strata) {
            if (!probes.add(stratum.probe())) {
                throw new IllegalArgumentException("probe " + stratum.probe() + " appears twice in the " + test
                        .name().toLowerCase() + " test");
            }
            statistic.apply(stratum).ifPresent(usable::add);
        }
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> probePValues = new LinkedHashMap<>();
        for (StratumStatistic stratum : budget.probes() ? usable : List.<StratumStatistic>of()) {
            long probeSeed = seed ^ (0x9E3779B97F4A7C15L * (stratum.probe().hashCode() + 1L));
            probePValues.put(stratum.probe(), PermutationTest.pValue(List.of(stratum), probeSeed, budget.stages()));
        }
        double pValue = PermutationTest.pValue(usable, seed, budget.stages());
        return Optional.of(new TestResult(test, pValue, PermutationTest.observed(usable), probePValues));
    }
}
