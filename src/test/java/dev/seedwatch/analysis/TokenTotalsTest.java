package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenTotalsTest {

    @Test
    void addsUp() {
        // 10 + 5 = 15, 20 + 7 = 27
        assertThat(new TokenTotals(10, 20).plus(5, 7)).isEqualTo(new TokenTotals(15, 27));
    }

    @Test
    void aCounterNeverGoesDown() {
        // a negative total read from an old state is 0; a negative addition adds nothing
        assertThat(new TokenTotals(-50, -1)).isEqualTo(TokenTotals.ZERO);
        assertThat(new TokenTotals(10, 10).plus(-5, Long.MIN_VALUE)).isEqualTo(new TokenTotals(10, 10));
    }

    @Test
    void aCounterNeverOverflows() {
        assertThat(new TokenTotals(Long.MAX_VALUE - 1, 1).plus(5, Long.MAX_VALUE))
                .isEqualTo(new TokenTotals(Long.MAX_VALUE, Long.MAX_VALUE));
    }
}
