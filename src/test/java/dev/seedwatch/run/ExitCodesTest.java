package dev.seedwatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's exit code of a measured run, for every combination of what can go wrong. */
class ExitCodesTest {

    @ParameterizedTest(name = "interrupted={0} exportFailed={1} tooManyFailures={2} failingChange={3} -> {4}")
    @CsvSource({
            "false, false, false, false, 0",
            "false, false, false, true,  5",
            "false, false, true,  false, 1",
            "false, false, true,  true,  1",
            "false, true,  false, false, 3",
            "false, true,  false, true,  3",
            "false, true,  true,  false, 3",
            "true,  false, false, false, 4",
            "true,  false, false, true,  4",
            "true,  false, true,  false, 4",
            "true,  true,  false, false, 4",
            "true,  true,  true,  true,  4" })
    void anInterruptionOutranksAFailedExportWhichOutranksFailedReplaysWhichOutrankAChange(boolean interrupted,
            boolean exportFailed, boolean tooManyFailures, boolean failingChange, int expected) {
        assertThat(ExitCodes.of(interrupted, exportFailed, tooManyFailures, failingChange)).isEqualTo(expected);
    }
}
