package dev.seedwatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's exit code of a measured run, for every combination of what can go wrong. */
class ExitCodesTest {

    @ParameterizedTest(name = "interrupted={0} exportFailed={1} tooManyFailures={2} -> {3}")
    @CsvSource({
            "false, false, false, 0",
            "false, false, true,  1",
            "false, true,  false, 3",
            "false, true,  true,  3",
            "true,  false, false, 4",
            "true,  false, true,  4",
            "true,  true,  false, 4",
            "true,  true,  true,  4" })
    void anInterruptionOutranksAFailedExportWhichOutranksFailedReplays(boolean interrupted, boolean exportFailed,
            boolean tooManyFailures, int expected) {
        assertThat(ExitCodes.of(interrupted, exportFailed, tooManyFailures)).isEqualTo(expected);
    }
}
