package dev.seedwatch.analysis.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChangeTestsTest {

    private static final double EPS = 1e-12;
    private static final long SEED = 42;

    @Test
    void mmdOfOneTextPerSideIsTwoMinusTwiceTheirKernel() {
        // "abc" vs "abd": Hamming agrees on 2 of 3 characters and on the 253 "end" positions -> 255/256;
        // each text is one 3-gram, different -> cosine 0; k = (255/256 + 0) / 2; MMD² = 1 + 1 - 2k = 1.00390625
        TestResult result = ChangeTests.mmd(List.of(new Stratum<>("p", List.of("abc"), List.of("abd"))), SEED)
                .orElseThrow();
        assertThat(result.statistic()).isCloseTo(1.00390625, within(EPS));
        // two labellings, both give the same MMD² (a tie counts as an exceedance) -> p = 1
        assertThat(result.pValue()).isEqualTo(1.0);
    }

    @Test
    void energyDistanceOnTheLine() {
        // ref {0, 2}, cur {1}: 2·E|x−y| − E|x−x'| − E|y−y'| = 2·1 − (0+2+2+0)/4 − 0 = 1
        TestResult result = ChangeTests.energy(List.of(new Stratum<>("p", List.of(new double[] { 0 }, new double[] {
                2 }), List.of(new double[] { 1 }))), SEED).orElseThrow();
        assertThat(result.statistic()).isCloseTo(1.0, within(EPS));
        // 3 labellings: current = {1} gives 1; current = {0}: ref {1,2} -> 2·(1+2)/2 − (0+1+1+0)/4 = 2.5;
        // current = {2}: the same 2.5 -> all three ≥ 1 -> p = 1
        assertThat(result.pValue()).isEqualTo(1.0);
    }

    @Test
    void energyDistanceIsEuclideanInTwoDimensions() {
        // (0,0) vs (3,4): distance 5 -> 2·5 = 10
        TestResult result = ChangeTests.energy(List.of(new Stratum<>("p", List.of(new double[] { 0, 0 }), List.of(
                new double[] { 3, 4 }))), SEED).orElseThrow();
        assertThat(result.statistic()).isCloseTo(10.0, within(EPS));
    }

    @Test
    void identicalSamplesGiveP1() {
        List<String> texts = List.of("Once upon a time", "Once upon a time", "Once upon a time");
        TestResult result = ChangeTests.mmd(List.of(new Stratum<>("p", texts, texts)), SEED).orElseThrow();
        assertThat(result.statistic()).isCloseTo(0.0, within(EPS));
        assertThat(result.pValue()).isEqualTo(1.0);
        assertThat(result.probePValues()).containsExactly(Map.entry("p", 1.0));
    }

    @Test
    void tiesCountAsExceedances() {
        // ref {a, a} vs cur {b, b}: of the C(4,2) = 6 labellings, the observed one and its mirror give the largest
        // MMD², the other four a smaller one -> exact p = 2/6. Without ties counted it would be 1/6.
        TestResult result = ChangeTests.mmd(List.of(new Stratum<>("p", List.of("a", "a"), List.of("b", "b"))), SEED)
                .orElseThrow();
        assertThat(result.pValue()).isCloseTo(1.0 / 3, within(0.04));
    }

    @Test
    void aProbeMissingOnOneSideOrFailedEverywhereAddsNothing() {
        Stratum<String> moved = new Stratum<>("moved", List.of("a", "a", "a"), List.of("b", "b", "b"));
        Stratum<String> onlyReference = new Stratum<>("gone", List.of("x", "y"), List.of());
        Stratum<String> allFailed = new Stratum<>("failed", List.of(), List.of());
        TestResult alone = ChangeTests.mmd(List.of(moved), SEED).orElseThrow();
        TestResult mixed = ChangeTests.mmd(List.of(onlyReference, moved, allFailed), SEED).orElseThrow();
        assertThat(mixed.pValue()).isEqualTo(alone.pValue());
        assertThat(mixed.statistic()).isEqualTo(alone.statistic());
        assertThat(mixed.probePValues()).containsOnlyKeys("moved");
        // C(6,3) = 20 labellings, the observed and its mirror maximal -> p ≈ 2/20
        assertThat(mixed.pValue()).isCloseTo(0.1, within(0.03));
    }

    @Test
    void noProbeWithRepliesOnBothSidesIsNoTest() {
        assertThat(ChangeTests.mmd(List.of(new Stratum<>("p", List.of("a"), List.of())), SEED)).isEmpty();
        assertThat(ChangeTests.energy(List.of(), SEED)).isEmpty();
        TopLogprobs empty = new TopLogprobs(Map.of());
        assertThat(ChangeTests.logprobs(List.of(new Stratum<>("p", List.of(empty), List.of(empty))), SEED))
                .isEmpty();
    }

    @Test
    void aProbeTwiceIsAnError() {
        Stratum<String> p = new Stratum<>("p", List.of("a"), List.of("b"));
        assertThatThrownBy(() -> ChangeTests.mmd(List.of(p, p), SEED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probe p appears twice");
    }

    @Test
    void logprobStatisticImputesAnAbsentTokenAtTheRepliesFloor() {
        // ref [{a:0, b:-3}, {a:-1, b:-3}], cur [{a:-2, c:-2.5}]
        // a: ref 0, -1; cur -2 -> |mean diff| = |-0.5 - (-2)| = 1.5; pooled mean -1, var (1+0+1)/3 -> sd √(2/3)
        // b: ref -3, -3; cur -2.5 (its floor) -> 0.5; pooled mean -17/6, var ((1/6)²·2 + (1/3)²)/3 = 1/18
        // c: ref -3, -3 (their floors); cur -2.5 -> the same column as b
        List<TopLogprobs> reference = List.of(top(Map.of("a", 0.0, "b", -3.0)), top(Map.of("a", -1.0, "b", -3.0)));
        List<TopLogprobs> current = List.of(top(Map.of("a", -2.0, "c", -2.5)));
        double expected = 1.5 / Math.sqrt(2.0 / 3) + 2 * 0.5 / Math.sqrt(1.0 / 18);
        TestResult result = ChangeTests.logprobs(List.of(new Stratum<>("p", reference, current)), SEED)
                .orElseThrow();
        assertThat(result.statistic()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void completeSeparationGivesTheExactShareOfSeparatingLabellings() {
        // 16 replies per side; token "," moves from around -1.0652 to around -1.0659 with no overlap, " there" is
        // listed with one value everywhere (left out). Separating labellings: ref = the 16 largest or the 16
        // smallest values, 2 of C(32,16) = 601080390.
        List<TopLogprobs> reference = new ArrayList<>();
        List<TopLogprobs> current = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            reference.add(top(Map.of(",", -1.065066 - 0.00002 * i, " there", -3.5)));
            current.add(top(Map.of(",", -1.065402 - 0.00006 * i, " there", -3.5)));
        }
        TestResult result = ChangeTests.logprobs(List.of(new Stratum<>("once", reference, current)), SEED)
                .orElseThrow();
        assertThat(result.pValue()).isCloseTo(2.0 / 601080390, within(1e-20));
        assertThat(result.probePValues().get("once")).isEqualTo(result.pValue());
        Evidence evidence = EvidenceLedger.next(Evidence.start(), List.of(result));
        assertThat(evidence.detected(0.01)).isTrue();
        assertThat(evidence.value()).isGreaterThan(100);
    }

    @Test
    void tiesAtTheSeparatingBoundaryAreCountedExactly() {
        // values ref {0, 0}, cur {0, -1}: the ref side holds the 2 largest; 3 values equal the boundary 0, of which
        // the 2 largest hold 2 -> C(3,2) = 3 ways; smallest 2 = {-1, 0}: boundary 0, 3 equal, 1 inside -> 3 ways.
        // share = (3 + 3) / C(4,2) = 1 (no help: such a small probe cannot separate significantly)
        assertThat(Combinatorics.extremeSubsetShare(new double[] { 0, 0, 0, -1 }, 2)).isCloseTo(1.0, within(EPS));
        // {3, 2, 1, 0, 0} with n = 2: largest {3, 2} -> 1 way; smallest {0, 0} -> 1 way; C(5,2) = 10 -> 0.2
        assertThat(Combinatorics.extremeSubsetShare(new double[] { 3, 2, 1, 0, 0 }, 2)).isCloseTo(0.2, within(EPS));
    }

    @Test
    void aSmallShiftIsFoundAndReportedPerProbe() {
        List<String> before = List.of("The cat sat.", "The cat sat!", "The cat sat.", "The cat sat.", "A cat sat.",
                "The cat sat.", "The cat sat.", "The cat sat!");
        List<String> after = List.of("The dog ran.", "The dog ran!", "The dog ran.", "A dog ran.", "The dog ran.",
                "The dog ran.", "The dog ran.", "The dog ran.");
        TestResult result = ChangeTests.mmd(List.of(new Stratum<>("moved", before, after), new Stratum<>("still",
                before, before)), SEED).orElseThrow();
        assertThat(result.probePValues().get("moved")).isLessThan(0.001);
        assertThat(result.probePValues().get("still")).isEqualTo(1.0);
        assertThat(result.pValue()).isLessThan(0.001);
    }

    private static TopLogprobs top(Map<String, Double> byToken) {
        return new TopLogprobs(byToken);
    }

}
