package dev.seedwatch.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.export.ReportFiles;
import dev.seedwatch.export.ReportWriter;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.testing.Build;

/**
 * The run pages read every kept report: version 1 or 2, plain or gzipped, side by side in one state dir. A Quarkus
 * test, as the page template is a checked template of the Quarkus Qute extension.
 */
@QuarkusTest
class RunPagesTest {

    @TempDir
    Path root;

    Path write(Path stateDir, RunResult run, boolean compress) throws IOException {
        return new ReportWriter(stateDir, 100, Long.MAX_VALUE, compress).write(run, Build.report(run));
    }

    static RunPage.PromptView prompt(RunPages pages, String runId, String prompt) throws IOException {
        Path file = pages.report(runId).orElseThrow();
        return PageBuilder.build(ReportFiles.read(file), List.of(ReportFiles.read(file))).prompts().stream()
                .filter(p -> p.prompt().equals(prompt)).findFirst().orElseThrow();
    }

    @Test
    void aReportWrittenBeforeVersion2ShowsWhatTheSameRunShowsNow() throws IOException {
        Build.storyRunV1(root.resolve("v1").resolve("runs"));
        write(root.resolve("v2"), Build.storyRun(), true);
        RunPages v1 = new RunPages(root.resolve("v1"));
        RunPages v2 = new RunPages(root.resolve("v2"));

        for (RunPages pages : List.of(v1, v2)) {
            RunPage.PromptView split = prompt(pages, Build.STORY_RUN, "split");
            assertThat(split.replays()).isEqualTo(5);
            assertThat(split.commonPrefix()).isEqualTo("Once upon a time there was a ");
            assertThat(split.replies()).containsExactly(new RunPage.Reply(3, "fox."), new RunPage.Reply(1, "bear."));
            assertThat(split.failures()).containsExactly(new RunPage.Failure(4, "timeout", "timed out after 60 s"));
            assertThat(prompt(pages, Build.STORY_RUN, "full").replies())
                    .containsExactly(new RunPage.Reply(2, "Label: golden"));
        }
        assertThat(v2.html(Build.STORY_RUN)).isEqualTo(v1.html(Build.STORY_RUN));
    }

    @Test
    void plainAndCompressedReportsAreListedAndReadTogether() throws IOException {
        Path runs = root.resolve("runs");
        Build.storyRunV1(runs);
        PlannedRequest split = PlannedRequest.of(Build.target("t1").build(), Build.prompt("split").replays(2).build());
        RunResult later = Build.analyze(Build.runInfo("nightly", Shard.ALL, Instant.parse("2025-01-02T04:00:00Z")),
                List.of(split), List.of(Build.reply(split, 0, "A wolf.").build(), Build.reply(split, 1, "A wolf.").build()));
        write(root, later, true);
        RunPages pages = new RunPages(root);

        assertThat(pages.runIds()).containsExactly(later.runId(), Build.STORY_RUN);
        assertThat(pages.report("latest")).contains(runs.resolve(later.runId() + ".json.gz"));
        assertThat(pages.index()).contains(later.runId()).contains(Build.STORY_RUN);
        String latest = pages.html("latest").orElseThrow();
        assertThat(latest).contains("A wolf.");
        // the history strip of the newest run reaches back into the plain version 1 report
        assertThat(latest).contains(Build.STORY_RUN + ": exact match 0.75").contains(later.runId() + ": exact match 1.00");
        assertThat(pages.html(Build.STORY_RUN).orElseThrow()).contains("bear.");
    }

    @Test
    void theIndexReadsEachKeptReportOnceAndAChangedOneAgain() throws IOException {
        Path runs = root.resolve("runs");
        Build.storyRunV1(runs);
        Path file = runs.resolve(Build.STORY_RUN + ".json");
        RunPages pages = new RunPages(root);
        assertThat(pages.index()).contains(Build.STORY_RUN);

        // same size, same time: taken as the report already read (its content is not parsed again)
        byte[] original = Files.readAllBytes(file);
        FileTime written = Files.getLastModifiedTime(file);
        byte[] other = ("{\"reportVersion\": 1, \"runId\": \"" + Build.STORY_RUN + "\", \"outcome\": \"rewritten\"}").getBytes(
                StandardCharsets.UTF_8);
        byte[] sameSize = Arrays.copyOf(other, original.length);
        Arrays.fill(sameSize, other.length, sameSize.length, (byte) ' ');
        Files.write(file, sameSize);
        Files.setLastModifiedTime(file, written);
        assertThat(pages.index()).contains(Build.STORY_RUN).doesNotContain("rewritten");

        // a report rewritten in place is read again
        Files.setLastModifiedTime(file, FileTime.fromMillis(written.toMillis() + 1000));
        assertThat(pages.index()).contains("rewritten");
        Files.write(file, original);
        assertThat(pages.index()).contains(Build.STORY_RUN).doesNotContain("rewritten");
        // a pruned report leaves the index
        Files.delete(file);
        assertThat(pages.index()).doesNotContain(Build.STORY_RUN);
    }
}
