package dev.seedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.testing.Build;

/** {@code seedwatch report} on the reports a state dir may keep: gzipped ones, and ones from before version 2. */
@QuarkusMainTest
class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesThePageOfACompressedReportNextToIt(QuarkusMainLauncher launcher) throws IOException {
        Path state = dir.resolve("state");
        RunResult run = Build.storyRun();
        new ReportWriter(state, 100, Long.MAX_VALUE, true).write(run, Build.report(run));

        LaunchResult result = launcher.launch("report", "--state-dir", state.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        Path page = state.resolve("runs").resolve(Build.STORY_RUN + ".html");
        assertThat(result.getOutput().trim()).isEqualTo(page.toString());
        assertThat(Files.readString(page)).contains("fox.").contains("bear.").contains("timed out after 60 s");
    }

    @Test
    void writesThePageOfAReportWrittenBeforeVersion2(QuarkusMainLauncher launcher) throws IOException {
        Path state = dir.resolve("state");
        Build.storyRunV1(state.resolve("runs"));
        Path out = dir.resolve("page.html");

        LaunchResult result = launcher.launch("report", "--state-dir", state.toString(), "--run", Build.STORY_RUN,
                "--out", out.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(Files.readString(out)).contains("fox.").contains("bear.").contains("Label: golden");
    }
}
