package dev.seedwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;
import dev.seedwatch.suite.AnswerRule;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;

/** The console's table and the lines under it. */
class SummaryTableTest {

    static final Target TARGET = Build.target("t").build();

    static RunResult run(List<PlannedRequest> plan, List<ReplayOutcome> outcomes) {
        return Build.analyze(Build.runInfo("s", Shard.ALL, Instant.parse("2025-01-02T03:00:00Z")), plan, outcomes);
    }

    static List<ReplayOutcome> replies(PlannedRequest r, String... texts) {
        List<ReplayOutcome> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(Build.reply(r, i, texts[i]).build());
        }
        return out;
    }

    @Test
    void theTableSaysWhatEachPromptExpectsAndTheTargetLineCountsDeterministicPromptsOnly() {
        PlannedRequest steady = PlannedRequest.of(TARGET, Build.prompt("steady").replays(2).build());
        PlannedRequest poem = PlannedRequest.of(TARGET,
                Build.prompt("poem").expect(Expectation.NONDETERMINISTIC).replays(2).build());
        List<ReplayOutcome> outcomes = new ArrayList<>(replies(steady, "A", "A"));
        outcomes.addAll(replies(poem, "B", "C"));

        String table = SummaryTable.render(run(List.of(steady, poem), outcomes));

        assertThat(table).contains("EXPECT").contains("GOLDEN").containsPattern("t +steady +deterministic ")
                .containsPattern("t +poem +nondeterministic ").contains("TARr@N 1.00 (1/1 deterministic prompts");
    }

    @Test
    void anAnswerRuleThatMatchedNoReplyIsAWarning() {
        PlannedRequest labelled = PlannedRequest.of(TARGET,
                Build.prompt("labelled").answer(AnswerRule.regex("Label: (\\w+)")).replays(2).build());
        PlannedRequest half = PlannedRequest.of(TARGET,
                Build.prompt("half").answer(AnswerRule.regex("Label: (\\w+)")).replays(2).build());
        List<ReplayOutcome> outcomes = new ArrayList<>(replies(labelled, "no label", "no label"));
        outcomes.addAll(replies(half, "Label: x", "no label"));

        String table = SummaryTable.render(run(List.of(labelled, half), outcomes));

        assertThat(table).contains("WARNING t/labelled: answer rule regex:Label: (\\w+) matched none of the 2 replies")
                .doesNotContain("WARNING t/half");
    }

    @Test
    void aLoadProbeSaysIsolatedAgainstBurst() {
        PlannedRequest probe = PlannedRequest.of(TARGET, Build.prompt("probe").loadProbe(true).replays(2).build());
        List<ReplayOutcome> outcomes = List.of(Build.reply(probe, 0, "A").phase(ReplayPhase.ISOLATED).build(),
                Build.reply(probe, 1, "A").phase(ReplayPhase.ISOLATED).build(),
                Build.reply(probe, 0, "A").phase(ReplayPhase.BURST).build(),
                Build.reply(probe, 1, "B").phase(ReplayPhase.BURST).build());

        assertThat(SummaryTable.render(run(List.of(probe), outcomes))).contains("load probe t/probe: isolated exact "
                + "1.00 (1 distinct), burst exact 0.50 (2 distinct): LOAD SENSITIVE (1 run(s) in a row)");
    }

    @Test
    void theDistinctRepliesOfSplitPromptsShowWhenFewSplitOrWhenAsked() {
        List<PlannedRequest> plan = new ArrayList<>();
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i <= SummaryNotes.FEW_SPLITS; i++) {
            PlannedRequest r = PlannedRequest.of(TARGET, Build.prompt("p" + i).replays(3).build());
            plan.add(r);
            outcomes.addAll(replies(r, "same\nline", "other \"one\"", "same\nline"));
        }

        assertThat(SummaryTable.render(run(plan.subList(0, 1), outcomes.subList(0, 3))))
                .contains("t/p0 replies:\n  2× \"same\\nline\"\n  1× \"other \\\"one\\\"\"\n");
        RunResult many = run(plan, outcomes);
        assertThat(SummaryTable.render(many)).doesNotContain("replies:");
        assertThat(SummaryTable.render(many, true)).contains("t/p" + SummaryNotes.FEW_SPLITS + " replies:");
    }

    @Test
    void aLongReplyIsCutOnOneLine() {
        String longText = "x".repeat(SummaryNotes.REPLY_CHARS + 10);
        assertThat(SummaryNotes.quoted(longText)).isEqualTo("\"" + "x".repeat(SummaryNotes.REPLY_CHARS) + "…\"");
        assertThat(SummaryNotes.quoted("a\u0007b")).isEqualTo("\"a\\u0007b\"");
    }
}
