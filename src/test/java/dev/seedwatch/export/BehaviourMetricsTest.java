package dev.seedwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedwatch.analysis.RecentText;
import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.State;
import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.BuildState;
import dev.seedwatch.testing.PromText;

/** The behaviour-change figures as series: present with a comparable earlier run, absent without. */
class BehaviourMetricsTest {

    static final Embedder EMBEDDER = new Embedder() {
        @Override
        public String modelId() {
            return "fake-embed";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> new float[] { 1, 0 }).toList();
        }
    };
    static final Map<String, String> TARGET = Map.of("suite", "s", "target", "t", "model", "gpt-4o-mini");

    final PlannedRequest known = PlannedRequest.of(Build.target("t").build(), Build.prompt("known").replays(2).build());
    final PlannedRequest fresh = PlannedRequest.of(Build.target("t").build(), Build.prompt("fresh").replays(2).build());

    PromText metrics(State previous) {
        RunResult run = new RunAnalyzer(EMBEDDER, 3).analyze(new RunAnalyzer.RunInfo("r2", "s", Shard.ALL,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(1), false), List.of(known, fresh),
                List.of(Build.reply(known, 0, "new").build(), Build.reply(known, 1, "new").build(),
                        Build.reply(fresh, 0, "x").build(), Build.reply(fresh, 1, "x").build()),
                previous);
        return PromText.parse(RunMetrics.of(run, true, 1.0).text());
    }

    @Test
    void novelPromptsAreCountedPerTargetAndFlaggedPerPrompt() {
        State previous = BuildState.state().recentTexts("t", "known",
                List.of(new RecentText(known.bodyHash(), "fake-embed", RecentText.hash("old"), "r1"))).build();

        PromText m = metrics(previous);

        assertThat(m.require("seedwatch_completion_novel", Map.of("prompt", "known"))).isEqualTo(1);
        assertThat(m.value("seedwatch_completion_novel", Map.of("prompt", "fresh"))).as("no earlier run").isEmpty();
        assertThat(m.require("seedwatch_prompts_compared", TARGET)).isEqualTo(1);
        assertThat(m.require("seedwatch_prompts_novel", TARGET)).isEqualTo(1);
        assertThat(m.require("seedwatch_behaviour_changed", TARGET)).isEqualTo(1);
    }

    @Test
    void withoutAnEarlierRunCountsAreZeroAndTheVerdictAbsent() {
        PromText m = metrics(State.empty());

        assertThat(m.require("seedwatch_prompts_compared", TARGET)).isZero();
        assertThat(m.require("seedwatch_prompts_novel", TARGET)).isZero();
        assertThat(m.value("seedwatch_behaviour_changed", TARGET)).isEmpty();
        assertThat(m.all("seedwatch_completion_novel", Map.of())).isEmpty();
    }
}
