package dev.seedwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** When serve's next run is overdue: the first scheduled time after the last run's deadline, plus 5 minutes. */
class SchedulesDueTest {

    static final Instant TEN = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aShortDeadlineMakesTheNextTickDue() {
        // started 10:00, over by 10:10 at the latest -> the 11:00 run is due, by 11:05
        assertThat(Schedules.nextRunDueBy("0 * * * *", TEN, Duration.ofMinutes(10)))
                .isEqualTo(Instant.parse("2026-03-01T11:05:00Z"));
    }

    @Test
    void aRunAsLongAsThePeriodMaySkipOneTick() {
        // started 10:00 with a 1 h deadline: it may still run at 11:00 (skipped) -> 12:00 is due, by 12:05
        assertThat(Schedules.nextRunDueBy("0 * * * *", TEN, Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-03-01T12:05:00Z"));
    }

    @Test
    void aStateWithoutScheduleIsNeverOverdue() {
        ServeState state = new ServeState();
        assertThat(state.nextRunDueBy()).isEmpty();
        state.scheduled("*/5 * * * *", Duration.ofMinutes(1), TEN);
        state.runStarted(TEN.plusSeconds(300));
        // last start 10:05, deadline 10:06 -> 10:10 due, by 10:15
        assertThat(state.nextRunDueBy()).contains(Instant.parse("2026-03-01T10:15:00Z"));
    }
}
