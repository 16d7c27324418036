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
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;

/**
 * What a report of a big suite takes on disk: 200 prompts × 5 replays, each prompt's replies the same ~500
 * characters of text (a deterministic suite), with the fields a real backend fills (fingerprint, served model, usage,
 * latency). Bytes, not time: the figures are the same on every machine.
 */
class ReportSizeTest {

    static final int PROMPTS = 200;
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
            String text = text(random, 500);
            for (int i = 0; i < REPLAYS; i++) {
                outcomes.add(Build.reply(request, i, text).fingerprint(Fingerprint.of("fp_44709d6fcb"))
                        .servedModel("gpt-4o-mini-2024-07-18").usage(14L, 120L).latency(0.5 + random.nextDouble())
                        .build());
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
    void aPlainReportHoldsEachTextOnce() throws IOException {
        String report = Files.readString(write(false));
        String text = run.prompts().get(0).replays().get(0).text();

        // in texts; not again as the figures' most common text, nor in each of the 5 replays
        assertThat(report.split(Pattern.quote(text), -1)).hasSize(2);
    }

    @Test
    void aPlainReportTakesAtMost300BytesPerReplay() throws IOException {
        assertThat(bytesPerReplay(write(false))).isLessThanOrEqualTo(300);
    }

    @Test
    void aCompressedReportTakesAtMost100BytesPerReplay() throws IOException {
        assertThat(bytesPerReplay(write(true))).isLessThanOrEqualTo(100);
    }
}
