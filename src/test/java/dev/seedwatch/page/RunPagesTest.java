package dev.seedwatch.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.seedwatch.analysis.ChangeDetection;
import dev.seedwatch.analysis.ChangeState;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.report.ReportReader;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.suite.Probe;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
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
        return PageBuilder.build(ReportReader.read(file), List.of(ReportReader.read(file))).prompts().stream()
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

    static final Target PROBED = Build.target("t1").build();
    static final PlannedRequest FIRST = PlannedRequest.of(PROBED,
            Build.prompt("first-token").probe(Probe.LOGPROBS).maxTokens(1).replays(16).build());
    static final PlannedRequest STORY = PlannedRequest.of(PROBED,
            Build.prompt("story").probe(Probe.SAMPLE).temperature(1.0).replays(16).build());

    /** A day's run of the two probes: "Once" at {@code once} (± jitter) among the top logprobs, {@code stories}. */
    static RunResult probed(int day, double once, List<String> stories) {
        List<ReplayOutcome> outcomes = new ArrayList<>(Build.onceReplies(FIRST, once));
        for (int i = 0; i < STORY.replays(); i++) {
            outcomes.add(Build.reply(STORY, i, stories.get(i % stories.size())).build());
        }
        return Build.analyze(Build.runInfo("nightly", Shard.ALL, Instant.parse("2026-01-01T00:00:00Z")
                .plusSeconds(86_400L * day)), List.of(FIRST, STORY), outcomes);
    }

    /** Writes the report of each run through change detection, the reference set by the first; the last state. */
    ChangeState writeProbed(ChangeState state, List<RunResult> runs) throws IOException {
        for (RunResult run : runs) {
            ChangeDetection.Step step = ChangeDetection.of(run, state, 0.01);
            write(root, step.result(), false);
            state = step.next();
        }
        return state;
    }

    static final List<String> CALM = List.of("a fox ran", "the cat sat on it", "rain", "boats drift far away");
    static final List<String> WILD = List.of("QUANTUM!!", "zebras argue about taxes now", "42", "kettles");

    @Test
    void aDetectedModelChangeOpensThePageWithThePValuesTheEvidenceAndTheTokensThatMoved() throws IOException {
        ChangeState state = writeProbed(ChangeState.empty(), List.of(probed(0, -0.03, CALM), probed(1, -0.03, CALM)));
        RunPages pages = new RunPages(root);
        String steady = pages.html("latest").orElseThrow();
        assertThat(steady).contains("class=\"same-model-line\"").contains("no change detected: evidence ")
                .contains("· p logprobs ").contains("· p mmd ").doesNotContain("model-change");

        List<RunResult> moved = new ArrayList<>();
        for (int day = 2; day < 6; day++) {
            moved.add(probed(day, -0.3, WILD));
        }
        writeProbed(state, moved);
        String page = pages.html("latest").orElseThrow();

        int section = page.indexOf("<section id=\"same-model\" class=\"same-model changed\">");
        assertThat(section).as(page).isPositive().isLessThan(page.indexOf("<table class=\"targets\">"))
                .isLessThan(page.indexOf("<section class=\"prompt"));
        assertThat(page).contains("<h2>Same model? t1: <span class=\"bad\">changed</span></h2>")
                .containsPattern("model changed: evidence [0-9]+ ≥ 100 \\(1/alpha, alpha 0.01\\) after 5 run\\(s\\)")
                .contains("<tr data-test=\"logprobs\"><td>logprobs</td><td>")
                .contains("<tr data-test=\"mmd\"><td>mmd</td><td>").contains("<svg class=\"evidence\"")
                .contains("<td>first-token</td><td>logprobs</td>").contains("<td>story</td><td>mmd</td>")
                .containsPattern("<td><code>Once</code></td><td>-0\\.03[0-9]+ → -0\\.30[0-9]+</td><td>100% → 100%</td>")
                .doesNotContain("NaN");
        // the evidence of each of the 6 kept runs, the reference's (0) and the steady one's too, in the strip
        assertThat(page.split("<rect class=\"evidence\"", -1).length - 1).isEqualTo(6);
    }
}
