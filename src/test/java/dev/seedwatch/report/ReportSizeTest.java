package dev.seedwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;

/**
 * What a report of a large suite takes on disk: 2000 prompts × 5 replays, each prompt's replies the same ~1 KB of
 * text (a deterministic suite), with the fields a real backend fills (served model, usage, latency).
 */
class ReportSizeTest {

    static final int PROMPTS = 2000;
    static final int REPLAYS = 5;

    static RunResult run;

    @TempDir
    Path root;

    @BeforeAll
    static void analyse() {
        Target target = Build.target("openai").build();
        Random random = new Random(42);
        List<PlannedRequest> plan = new ArrayList<>();
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (int p = 0; p < PROMPTS; p++) {
            PlannedRequest request = PlannedRequest.of(target,
                    Build.prompt("prompt-" + p).user("Describe topic " + p + " in a paragraph.").build());
            plan.add(request);
            String text = text(random, 1000);
            for (int i = 0; i < REPLAYS; i++) {
                outcomes.add(Build.reply(request, i, text).servedModel("gpt-4o-mini-2024-07-18").usage(14L, 250L)
                        .latency(0.5 + random.nextDouble()).build());
            }
        }
        run = Build.analyze(Build.runInfo("big", Shard.ALL, Instant.parse("2026-03-01T10:00:00Z")), plan, outcomes);
    }

    /** Words of random letters: no two prompts share a text, and it compresses no better than prose. */
    static String text(Random random, int chars) {
        StringBuilder out = new StringBuilder();
        while (out.length() < chars) {
            int word = 2 + random.nextInt(8);
            for (int c = 0; c < word; c++) {
                out.append((char) ('a' + random.nextInt(26)));
            }
            out.append(random.nextInt(12) == 0 ? ". " : " ");
        }
        return out.toString();
    }

    Path write(boolean compress) throws IOException {
        Path file = new ReportWriter(root.resolve(compress ? "gz" : "plain"), 100, Long.MAX_VALUE, compress)
                .write(run, Build.report(run));
        System.out.printf(Locale.ROOT, "report of %d×%d replays, %s: %d bytes, %.1f bytes per replay%n", PROMPTS,
                REPLAYS, compress ? "gzipped" : "plain", Files.size(file), bytesPerReplay(file));
        return file;
    }

    static double bytesPerReplay(Path file) throws IOException {
        return Files.size(file) / (double) (PROMPTS * REPLAYS);
    }

    @Test
    void aPlainReportHoldsEachTextOnceNotOncePerReplay() throws IOException {
        Path file = write(false);
        String report = Files.readString(file);
        String text = run.prompts().get(0).replays().get(0).text();

        // once in texts, once as the figures' most common text; not once more in each of the 5 replays
        assertThat(report.split(Pattern.quote(text), -1)).hasSize(3);
        // what is left per replay: its fields (compact JSON, ~200 bytes) and a fifth of its prompt's two copies of
        // the ~1 KB text and of its figures
        assertThat(bytesPerReplay(file)).isLessThan(850);
    }

    @Test
    void aCompressedReportTakesAtMost300BytesPerReplay() throws IOException {
        assertThat(bytesPerReplay(write(true))).isLessThanOrEqualTo(300);
    }
}
