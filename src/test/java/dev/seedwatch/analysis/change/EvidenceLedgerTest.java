package dev.seedwatch.analysis.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EvidenceLedgerTest {

    @Test
    void calibratorIntegratesToOne() {
        // ∫₀¹ f(p) dp = ∫₀^∞ f(e^−u) e^−u du (p = e^−u), midpoint rule on u ∈ [0, 200] with step 1e-3; the rest,
        // p < e^−200, is ≈ ∫ dp / (p ln² p) = 1 / 200
        double step = 1e-3;
        double integral = 0;
        for (double u = step / 2; u < 200; u += step) {
            double p = Math.exp(-u);
            integral += EvidenceLedger.calibrate(p) * p * step;
        }
        assertThat(integral + 1.0 / 200).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void calibratorValues() {
        assertThat(EvidenceLedger.calibrate(1.0)).isEqualTo(0.5);
        // p = 0.01: ln p = −4.60517; (1 − 0.01 − 0.0460517) / (0.01 · 21.2076) = 0.943948 / 0.212076 = 4.45097
        assertThat(EvidenceLedger.calibrate(0.01)).isCloseTo(4.45097, within(1e-4));
        // p = 1e-5: ln p = −11.512925; (1 − 1e-5 − 1.1512925e-4) / (1e-5 · 132.54745) = 754.352
        assertThat(EvidenceLedger.calibrate(1e-5)).isCloseTo(754.352, within(0.001));
        assertThatThrownBy(() -> EvidenceLedger.calibrate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weightsSumToOne() {
        // telescoping: Σ_{s ≤ N} w_s = 1 − ln 2 / ln(N + 2)
        double sum = 0;
        for (int s = 1; s <= 1000; s++) {
            sum += EvidenceLedger.weight(s);
        }
        assertThat(sum).isCloseTo(1 - Math.log(2) / Math.log(1002), within(1e-12));
        assertThat(EvidenceLedger.weight(1)).isCloseTo(1 - Math.log(2) / Math.log(3), within(1e-15));
    }

    @Test
    void aRunAddsItsWeightTimesTheMeanOfItsTestsEValues() {
        TestResult logprobs = new TestResult(ChangeTest.LOGPROBS, 0.01, 3.0, Map.of());
        TestResult mmd = new TestResult(ChangeTest.MMD, 1.0, 0.0, Map.of());
        Evidence first = EvidenceLedger.next(Evidence.start(), List.of(logprobs, mmd));
        // w_1 · (f(0.01) + f(1)) / 2 = 0.369070 · (4.45097 + 0.5) / 2
        assertThat(first.runs()).isEqualTo(1);
        assertThat(first.value()).isCloseTo(EvidenceLedger.weight(1) * (4.45097 + 0.5) / 2, within(1e-4));
        Evidence second = EvidenceLedger.next(first, List.of(mmd));
        assertThat(second.value()).isCloseTo(first.value() + EvidenceLedger.weight(2) * 0.5, within(1e-12));
        assertThat(EvidenceLedger.next(second, List.of())).isEqualTo(second);
    }

    @Test
    void detectedAtOneOverAlpha() {
        assertThat(new Evidence(3, 100).detected(0.01)).isTrue();
        assertThat(new Evidence(3, 99.99).detected(0.01)).isFalse();
        assertThat(Evidence.start().detected(0.05)).isFalse();
        assertThatThrownBy(() -> Evidence.start().detected(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
