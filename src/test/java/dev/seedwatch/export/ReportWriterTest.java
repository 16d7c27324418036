package dev.seedwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.State;
import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.testing.Build;

/** How many reports a state dir keeps: at most {@code keep}, and at most {@code maxBytes} together. */
class ReportWriterTest {

    static final Embedder NO_EMBEDDING = new Embedder() {
        @Override
        public String modelId() {
            return "none";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            throw new AssertionError("identical replies need no embedding");
        }
    };

    @TempDir
    Path root;

    /** Writes the report of run {@code n}, with a reply of {@code chars} characters. */
    private Path write(ReportWriter writer, int n, int chars) throws IOException {
        PlannedRequest request = PlannedRequest.of(Build.target("t").build(), Build.prompt("p").replays(1).build());
        Instant started = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(60L * n);
        String runId = ReportWriter.runId(started, "s", Shard.ALL);
        RunResult result = new RunAnalyzer(NO_EMBEDDING, 3).analyze(new RunAnalyzer.RunInfo(runId, "s", Shard.ALL,
                started, started.plusSeconds(1), false), List.of(request),
                List.of(Build.reply(request, 0, "x".repeat(chars)).build()), State.empty());
        return writer.write(result, RunReport.of(result, 0, true, "success", 0, List.of(),
                new Timings(0, 0, 0, 0, 0)));
    }

    private List<String> kept() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("runs"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheNewestReportsUpToTheirNumber() throws IOException {
        ReportWriter writer = new ReportWriter(root, 3, Long.MAX_VALUE);
        for (int n = 0; n < 5; n++) {
            write(writer, n, 10);
        }
        assertThat(kept()).containsExactly("20261201T000200.000Z-s.json", "20261201T000300.000Z-s.json",
                "20261201T000400.000Z-s.json");
    }

    @Test
    void keepsTheNewestReportsWithinTheByteBudgetWithTheirPages() throws IOException {
        long one = Files.size(write(new ReportWriter(root, 100, Long.MAX_VALUE), 0, 20_000));
        Files.writeString(root.resolve("runs").resolve("20261201T000000.000Z-s.html"), "<p>page</p>");
        // room for two reports and a bit, not for three
        ReportWriter writer = new ReportWriter(root, 100, 2 * one + one / 2);
        for (int n = 1; n < 5; n++) {
            write(writer, n, 20_000);
        }
        assertThat(kept()).containsExactly("20261201T000300.000Z-s.json", "20261201T000400.000Z-s.json");
    }

    @Test
    void theNewestReportStaysWhateverItsSize() throws IOException {
        write(new ReportWriter(root, 100, 10), 0, 50_000);
        assertThat(kept()).containsExactly("20261201T000000.000Z-s.json");
    }
}
