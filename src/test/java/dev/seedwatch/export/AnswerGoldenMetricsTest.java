package dev.seedwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedwatch.analysis.Golden;
import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.State;
import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.suite.AnswerRule;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.PromText;

/** The answer and golden series of a run, and their absence where nothing is pinned. */
class AnswerGoldenMetricsTest {

    static final Target TARGET = Build.target("t1").build();
    static final PlannedRequest LABELLED = PlannedRequest.of(TARGET,
            Build.prompt("labelled").answer(AnswerRule.regex("Label: (\\w+)")).replays(2).build());
    static final PlannedRequest PLAIN = PlannedRequest.of(TARGET, Build.prompt("plain").replays(2).build());
    static final Map<String, String> LABELLED_TAGS = Map.of("suite", "nightly", "target", "t1", "prompt", "labelled");
    static final Map<String, String> TARGET_TAGS = Map.of("suite", "nightly", "target", "t1", "model", "gpt-4o-mini");
    static final Embedder EMBEDDER = new Embedder() {
        @Override
        public String modelId() {
            return "fake";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> t.endsWith("yes") ? new float[] { 1, 0 } : new float[] { 0, 1 }).toList();
        }
    };

    static PromText metrics(Golden golden) {
        RunResult run = new RunAnalyzer(EMBEDDER, 3).analyze(new RunAnalyzer.RunInfo("run-2", "nightly", Shard.ALL,
                Instant.parse("2025-01-02T03:00:00Z"), Instant.parse("2025-01-02T03:01:00Z"), false),
                List.of(LABELLED, PLAIN),
                List.of(Build.reply(LABELLED, 0, "Label: yes").build(), Build.reply(LABELLED, 1, "Label: no").build(),
                        Build.reply(PLAIN, 0, "p").build(), Build.reply(PLAIN, 1, "p").build()),
                State.empty(), golden);
        return PromText.parse(RunMetrics.of(run, true, null).text());
    }

    static Golden golden() {
        Instant ran = Instant.parse("2025-01-01T03:00:00Z");
        return new Golden(Golden.VERSION, "run-g", "nightly", null, ran, ran,
                Map.of("t1", new Golden.Target("gpt-4o-mini", List.of("fp_g", "fp_h"), List.of("served-g"))),
                Map.of("t1", Map.of("labelled", new Golden.Prompt(LABELLED.bodyHash(), "Label: no",
                        "regex:Label: (\\w+)", "no"))));
    }

    @Test
    void answerSeriesPerPromptAndTarget() {
        PromText m = metrics(null);

        assertThat(m.require("seedwatch_answer_agreement_ratio", LABELLED_TAGS)).isEqualTo(0.5);
        assertThat(m.require("seedwatch_unique_answers", LABELLED_TAGS)).isEqualTo(2);
        assertThat(m.require("seedwatch_answers_missing", LABELLED_TAGS)).isZero();
        // no answer baseline yet, and the plain prompt has no rule
        assertThat(m.all("seedwatch_answer_changed", Map.of())).isEmpty();
        assertThat(m.all("seedwatch_answer_agreement_ratio", Map.of("prompt", "plain"))).isEmpty();
        assertThat(m.require("seedwatch_prompts_answer_measured", TARGET_TAGS)).isEqualTo(1);
        assertThat(m.require("seedwatch_prompts_answer_agreeing", TARGET_TAGS)).isZero();
        assertThat(m.require("seedwatch_total_answer_agreement_ratio", TARGET_TAGS)).isZero();
    }

    @Test
    void goldenSeriesOnlyForPinnedPrompts() {
        PromText m = metrics(golden());

        // "Label: no" and "Label: yes" tie; "Label: no" is lexicographically first and equals the golden text
        assertThat(m.require("seedwatch_golden_changed", LABELLED_TAGS)).isZero();
        assertThat(m.require("seedwatch_golden_distance", LABELLED_TAGS)).isZero();
        assertThat(m.require("seedwatch_golden_answer_changed", LABELLED_TAGS)).isZero();
        assertThat(m.require("seedwatch_golden_drift_runs", LABELLED_TAGS)).isZero();
        assertThat(m.all("seedwatch_golden_changed", Map.of("prompt", "plain"))).isEmpty();
        assertThat(m.require("seedwatch_golden_pinned_timestamp_seconds", TARGET_TAGS))
                .isEqualTo(Instant.parse("2025-01-01T03:00:00Z").getEpochSecond());
        assertThat(m.all("seedwatch_golden_fingerprint_info", TARGET_TAGS)).extracting(s -> s.labels().get(
                "fingerprint")).containsExactlyInAnyOrder("fp_g", "fp_h");
    }

    @Test
    void withoutAGoldenNoGoldenSeriesAtAll() {
        assertThat(metrics(null).samples()).noneMatch(s -> s.name().startsWith("seedwatch_golden_"));
    }
}
