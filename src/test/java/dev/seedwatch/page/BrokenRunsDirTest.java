package dev.seedwatch.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.seedwatch.report.ReportFiles;
import dev.seedwatch.report.ReportReader;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.testing.Build;

/** A runs dir holding garbage, a symbolic link and a gzip bomb next to a real report: each is passed over. */
@QuarkusTest
class BrokenRunsDirTest {

    static final String GARBAGE = "29990101T000000.000Z-nightly";
    static final String LINK = "29990102T000000.000Z-nightly";
    static final String BOMB = "29990103T000000.000Z-nightly";

    @TempDir
    Path root;

    private Path runs() throws IOException {
        new ReportWriter(root, 100, Long.MAX_VALUE, false).write(Build.storyRun(), Build.report(Build.storyRun()));
        Path runs = root.resolve("runs");
        Files.writeString(runs.resolve(GARBAGE + ReportFiles.JSON), "garbage {");
        Files.createSymbolicLink(runs.resolve(LINK + ReportFiles.JSON), runs.resolve(GARBAGE + ReportFiles.JSON));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(runs.resolve(BOMB + ReportFiles.GZIP)))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i <= ReportFiles.MAX_JSON_BYTES >> 20; i++) {
                out.write(zeros);
            }
        }
        return runs;
    }

    @Test
    void latestIsTheNewestReadableReportAndTheIndexListsOnlyReadableOnes() throws IOException {
        runs();
        RunPages pages = new RunPages(root);

        assertThat(pages.runIds()).doesNotContain(LINK).contains(GARBAGE, BOMB, Build.STORY_RUN);
        assertThat(pages.report("latest")).hasValueSatisfying(
                p -> assertThat(p.getFileName().toString()).startsWith(Build.STORY_RUN));
        assertThat(pages.index()).contains(Build.STORY_RUN).doesNotContain(GARBAGE).doesNotContain(BOMB);
        assertThat(pages.html("latest")).isPresent();
    }

    @Test
    void aBombOrGarbageIsAnUnreadableReportNamingTheFile() throws IOException {
        Path runs = runs();

        ReportFiles.UnreadableReport bomb = catchThrowableOfType(ReportFiles.UnreadableReport.class,
                () -> ReportReader.read(runs.resolve(BOMB + ReportFiles.GZIP)));
        ReportFiles.UnreadableReport garbage = catchThrowableOfType(ReportFiles.UnreadableReport.class,
                () -> ReportReader.read(runs.resolve(GARBAGE + ReportFiles.JSON)));

        assertThat(bomb.getMessage()).contains(BOMB).contains("more than " + ReportFiles.MAX_JSON_BYTES + " bytes");
        assertThat(garbage.getMessage()).contains(GARBAGE).contains("not JSON");
    }
}
