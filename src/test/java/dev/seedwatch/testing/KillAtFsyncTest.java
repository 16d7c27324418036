package dev.seedwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Reading strace's log: which fsync the kill landed in, whatever the width of the thread ids. */
class KillAtFsyncTest {

    @Test
    void aFourDigitThreadIdIsPaddedWithTwoSpaces() {
        String trace = """
                1985  fsync(95</tmp/s/state.json.1.tmp>) = 0
                1985  --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x8} ---
                1985  fsync(96</tmp/s/.golden.json.2.tmp> <unfinished ...>
                2006  +++ killed by SIGKILL +++
                1985  <... fsync resumed>)              = ?
                1985  +++ killed by SIGKILL +++
                """;
        assertThat(KillAtFsync.killedIn(trace)).containsExactly(Path.of("/tmp/s/.golden.json.2.tmp"));
    }

    @Test
    void aFiveDigitThreadIdIsFollowedByOneSpace() {
        String trace = """
                12345 fsync(95</tmp/s/state.json.1.tmp>) = 0
                12345 fsync(96</tmp/s/runs>)            = ?
                12345 +++ killed by SIGKILL +++
                """;
        assertThat(KillAtFsync.killedIn(trace)).containsExactly(Path.of("/tmp/s/runs"));
    }

    @Test
    void anFsyncThatReturnedOrAThreadThatWasNotKilledIsNotWhereTheKillLanded() {
        String trace = """
                2001  fsync(95</tmp/s/state.json.1.tmp>) = 0
                2002  fsync(96</tmp/s/runs> <unfinished ...>
                2001  +++ exited with 0 +++
                2002  <... fsync resumed>)              = 0
                """;
        assertThat(KillAtFsync.killedIn(trace)).isEmpty();
    }
}
