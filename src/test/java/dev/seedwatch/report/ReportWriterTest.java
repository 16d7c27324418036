package dev.seedwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.testing.Build;

/** How many reports a state dir keeps: at most {@code keep}, and at most {@code maxBytes} together. */
class ReportWriterTest {

    @TempDir
    Path root;

    /** Writes the report of run {@code n} of {@code suite}, with a reply of {@code chars} characters. */
    private Path write(ReportWriter writer, String suite, int n, int chars) throws IOException {
        PlannedRequest request = PlannedRequest.of(Build.target("t").build(), Build.prompt("p").replays(1).build());
        Instant started = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(60L * n);
        RunResult result = Build.analyze(Build.runInfo(suite, Shard.ALL, started), List.of(request),
                List.of(Build.reply(request, 0, "x".repeat(chars)).build()));
        return writer.write(result, Build.report(result));
    }

    private Path write(ReportWriter writer, int n, int chars) throws IOException {
        return write(writer, "s", n, chars);
    }

    private List<String> kept() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("runs"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheNewestReportsUpToTheirNumber() throws IOException {
        ReportWriter writer = new ReportWriter(root, 3, Long.MAX_VALUE, false);
        for (int n = 0; n < 5; n++) {
            write(writer, n, 10);
        }
        assertThat(kept()).containsExactly("20261201T000200.000Z-s.json", "20261201T000300.000Z-s.json",
                "20261201T000400.000Z-s.json");
    }

    @Test
    void keepsTheNewestReportsWithinTheByteBudgetWithTheirPages() throws IOException {
        long one = Files.size(write(new ReportWriter(root, 100, Long.MAX_VALUE, false), 0, 20_000));
        Files.writeString(root.resolve("runs").resolve("20261201T000000.000Z-s.html"), "<p>page</p>");
        // room for two reports and a bit, not for three
        ReportWriter writer = new ReportWriter(root, 100, 2 * one + one / 2, false);
        for (int n = 1; n < 5; n++) {
            write(writer, n, 20_000);
        }
        assertThat(kept()).containsExactly("20261201T000300.000Z-s.json", "20261201T000400.000Z-s.json");
    }

    @Test
    void theNewestReportStaysWhateverItsSize() throws IOException {
        write(new ReportWriter(root, 100, 10, false), 0, 50_000);
        assertThat(kept()).containsExactly("20261201T000000.000Z-s.json");
    }

    @Test
    void compressedReportsAreGzippedJsonReadBackAsTheyWereWritten() throws IOException {
        Path plain = write(new ReportWriter(root.resolve("plain"), 100, Long.MAX_VALUE, false), 0, 20_000);
        Path gzipped = write(new ReportWriter(root, 100, Long.MAX_VALUE, true), 0, 20_000);

        assertThat(gzipped.getFileName()).hasToString("20261201T000000.000Z-s.json.gz");
        byte[] head = Files.readAllBytes(gzipped);
        assertThat(new byte[] { head[0], head[1] }).as("gzip magic").containsExactly(0x1f, 0x8b);
        assertThat(Files.size(gzipped)).isLessThan(Files.size(plain) / 10);
        assertThat(ReportFiles.json(gzipped)).isEqualTo(Files.readAllBytes(plain));
        assertThat(ReportFiles.runIds(root.resolve("runs"))).containsExactly("20261201T000000.000Z-s");
        assertThat(ReportFiles.page(gzipped).getFileName()).hasToString("20261201T000000.000Z-s.html");
    }

    @Test
    void reportsOfBothFormsCountTowardsTheNumberKept() throws IOException {
        // compression turned on and off between runs
        for (int n = 0; n < 5; n++) {
            write(new ReportWriter(root, 3, Long.MAX_VALUE, n % 2 == 1), n, 10);
        }
        assertThat(kept()).containsExactly("20261201T000200.000Z-s.json", "20261201T000300.000Z-s.json.gz",
                "20261201T000400.000Z-s.json");
    }

    @Test
    void reportsOfBothFormsCountTowardsTheByteBudgetWithTheirPages() throws IOException {
        Path runs = root.resolve("runs");
        long plain = Files.size(write(new ReportWriter(root, 100, Long.MAX_VALUE, false), 0, 20_000));
        Files.writeString(runs.resolve("20261201T000000.000Z-s.html"), "<p>page</p>");
        long gzipped = Files.size(write(new ReportWriter(root, 100, Long.MAX_VALUE, true), 1, 20_000));
        Files.writeString(runs.resolve("20261201T000100.000Z-s.html"), "<p>page</p>");
        // room for two compressed runs with their pages, not for the plain one too
        write(new ReportWriter(root, 100, 2 * gzipped + 100, true), 2, 20_000);

        assertThat(plain).isGreaterThan(2 * gzipped + 100);
        assertThat(kept()).containsExactly("20261201T000100.000Z-s.html", "20261201T000100.000Z-s.json.gz",
                "20261201T000200.000Z-s.json.gz");
    }

    @Test
    void aSuiteWhoseNameEndsLikeAnothersKeepsItsOwnReports() throws IOException {
        ReportWriter writer = new ReportWriter(root, 1, Long.MAX_VALUE, false);
        write(writer, "x-s", 0, 10);
        write(writer, "s", 1, 10);
        write(writer, "s", 2, 10);
        assertThat(kept()).containsExactly("20261201T000000.000Z-x-s.json", "20261201T000200.000Z-s.json");
    }
}
