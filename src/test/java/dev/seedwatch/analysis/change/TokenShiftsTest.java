package dev.seedwatch.analysis.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TokenShiftsTest {

    @Test
    void largestShiftFirstWithAbsentTokensAtTheReplysFloor() {
        // ref: {",": -0.03, " there": -3.5}, {",": -0.05, " there": -3.7}
        // cur: {",": -0.04, " upon": -2.0}, {",": -0.04, " there": -3.6}
        // " there": ref mean -3.6 (share 1); cur (-2.0 floor of reply 1, -3.6) -> -2.8 (share 0.5); shift +0.8
        // " upon": ref (floors -3.5, -3.7) -> -3.6 (share 0); cur (-2.0, floor -3.6) -> -2.8 (share 0.5); +0.8
        // ",": ref -0.04, cur -0.04; shift 0
        Stratum<TopLogprobs> stratum = new Stratum<>("once", List.of(top(",", -0.03, " there", -3.5), top(",",
                -0.05, " there", -3.7)), List.of(top(",", -0.04, " upon", -2.0), top(",", -0.04, " there",
                        -3.6)));
        List<TokenShift> shifts = TokenShifts.of(stratum, 2);
        assertThat(shifts).extracting(TokenShift::token).containsExactly(" there", " upon");
        TokenShift there = shifts.get(0);
        assertThat(there.referenceMean()).isCloseTo(-3.6, within(1e-12));
        assertThat(there.currentMean()).isCloseTo(-2.8, within(1e-12));
        assertThat(there.referenceShare()).isEqualTo(1.0);
        assertThat(there.currentShare()).isEqualTo(0.5);
        assertThat(shifts.get(1).referenceShare()).isEqualTo(0.0);
        assertThat(TokenShifts.of(stratum, 10)).hasSize(3);
    }

    @Test
    void nothingWithoutRepliesOnBothSides() {
        assertThat(TokenShifts.of(new Stratum<>("once", List.of(top(",", -0.1, ".", -2.0)), List.of()), 5))
                .isEmpty();
    }

    private static TopLogprobs top(String token, double logprob, String other, double otherLogprob) {
        return new TopLogprobs(Map.of(token, logprob, other, otherLogprob));
    }
}
