package dev.seedwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.analysis.ChangeDetection;
import dev.seedwatch.analysis.ChangeState;
import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.State;
import dev.seedwatch.analysis.StateUpdate;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.provider.TokenLogprob;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;
import dev.seedwatch.suite.AnswerRule;
import dev.seedwatch.suite.Probe;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.Promtool;

/**
 * The metrics file and push body byte for byte: {@code src/test/resources/metrics/*.prom} were written by the
 * Micrometer registry seedwatch used before it wrote the text format itself (families by name, a family's series in
 * that registry's order, label values escaped, Go's float syntax), and the Prometheus toolchain reads them.
 */
class MetricsTextTest {

    static final Instant START = Instant.parse("2025-01-02T03:00:00Z");

    /** Three targets of twelve prompts: enough series in a family for the order of a grown table. */
    @Test
    void aRunOfManySeriesIsWrittenAsBefore() throws IOException {
        List<Target> targets = List.of(Build.target("t1").model("gpt-a").build(),
                Build.target("t2").model("gpt-b").build(), Build.target("t3").model("gpt-c").build());
        List<PlannedRequest> plan = new ArrayList<>();
        for (Target target : targets) {
            for (int i = 0; i < 12; i++) {
                plan.add(PlannedRequest.of(target, Build.prompt("prompt-" + i).replays(3).build()));
            }
        }
        RunResult first = analyze(plan, START, 0);
        State previous = StateUpdate.next(State.empty(), first, true);
        RunResult run = new RunAnalyzer(Build.LENGTH_EMBEDDER, 3, 0.6).analyze(
                Build.runInfo("nightly", new Shard(1, 3), START.plusSeconds(86_400)), plan,
                outcomes(plan, 1), previous);

        assertWrittenAsBefore("many.prom", RunMetrics.of(run, true, 1735786890.5)
                .withRunPage(Optional.of("https://seedwatch.example/runs/latest?a=\"b\"\\c"), run).text());
    }

    @Test
    void loadProbesLogprobsAnswersAndChangeTestsAreWrittenAsBefore() throws IOException {
        Target target = Build.target("t1").model("gpt-test").logprobs(2).build();
        PlannedRequest burst = PlannedRequest.of(target, Build.prompt("burst").replays(2).loadProbe(true).build());
        PlannedRequest labelled = PlannedRequest.of(target,
                Build.prompt("labelled").answer(AnswerRule.regex("Label: (\\w+)")).replays(2).build());
        PlannedRequest first = PlannedRequest.of(target,
                Build.prompt("first-token").probe(Probe.LOGPROBS).maxTokens(1).replays(16).build());
        List<PlannedRequest> plan = List.of(burst, labelled, first);
        List<TokenLogprob> alpha = List.of(new TokenLogprob("a", -0.1, List.of(-0.1, -1.1)),
                new TokenLogprob("b", -0.5, List.of(-0.5, -1.0)));
        List<TokenLogprob> gamma = List.of(alpha.get(0), new TokenLogprob("c", -0.5, List.of(-0.5, -1.0)));
        ChangeDetection.Step reference = ChangeDetection.of(probeRun(plan, alpha, gamma, -0.03, 0),
                ChangeState.empty(), ChangeDetection.DEFAULT_ALPHA);
        ChangeDetection.Step tested = ChangeDetection.of(probeRun(plan, alpha, gamma, -2.5, 1), reference.next(),
                ChangeDetection.DEFAULT_ALPHA);

        assertWrittenAsBefore("probes.prom", RunMetrics.of(tested.result(), false, null).text());
    }

    @Test
    void aRunWhoseReplaysAllFailedIsWrittenAsBefore() throws IOException {
        PlannedRequest p = PlannedRequest.of(Build.target("t1").build(), Build.prompt("p1").replays(2).build());
        RunResult run = Build.analyze(Build.runInfo("nightly", Shard.ALL, START), List.of(p),
                List.of(Build.failed(p, 0, 3, FailureReason.RATE_LIMITED, 429, "slow down"),
                        Build.failed(p, 1, 1, FailureReason.SERVER_ERROR, 500, "oops")));

        assertWrittenAsBefore("failed.prom", RunMetrics.of(run, false, null).text());
    }

    @Test
    void promtoolAcceptsTheWrittenFiles(@TempDir Path dir) throws Exception {
        for (String name : List.of("many.prom", "probes.prom", "failed.prom")) {
            Path file = dir.resolve(name);
            Files.writeString(file, fixture(name), StandardCharsets.UTF_8);
            Promtool.Result result = Promtool.checkMetrics(file);
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
    }

    private static RunResult analyze(List<PlannedRequest> plan, Instant started, int day) {
        return Build.analyze(Build.runInfo("nightly", new Shard(1, 3), started), plan, outcomes(plan, day));
    }

    /** Replies that vary by prompt and day: some agree, some differ, one fails; fingerprints that need escaping. */
    private static List<ReplayOutcome> outcomes(List<PlannedRequest> plan, int day) {
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (int p = 0; p < plan.size(); p++) {
            PlannedRequest request = plan.get(p);
            for (int i = 0; i < request.replays(); i++) {
                if ((p + i + day) % 11 == 0) {
                    outcomes.add(Build.failed(request, i, 2, FailureReason.TIMEOUT, null, "timed out"));
                    continue;
                }
                String text = "reply " + (p % 4 == 0 ? i + day : day) + " of " + request.prompt().id();
                Fingerprint fp = Fingerprint.of((p + day) % 5 == 0 ? "fp \"q\" \\ \nx" : "fp_" + (p + day) % 3);
                outcomes.add(Build.reply(request, i, text).fingerprint(fp).servedModel("served-" + (p + day) % 2)
                        .usage(10L + p, 20L + i).latency(0.05 + 0.25 * ((p * 7 + i * 3) % 13)).build());
            }
        }
        return outcomes;
    }

    private static RunResult probeRun(List<PlannedRequest> plan, List<TokenLogprob> alpha, List<TokenLogprob> gamma,
            double once, int day) {
        PlannedRequest burst = plan.get(0);
        PlannedRequest labelled = plan.get(1);
        List<ReplayOutcome> outcomes = new ArrayList<>(List.of(
                Build.reply(burst, 0, "alpha").tokens(alpha).phase(ReplayPhase.ISOLATED).build(),
                Build.reply(burst, 1, "alpha").tokens(alpha).phase(ReplayPhase.ISOLATED).build(),
                Build.reply(burst, 0, "alpha").tokens(alpha).phase(ReplayPhase.BURST).build(),
                Build.reply(burst, 1, "gamma").tokens(gamma).phase(ReplayPhase.BURST).build(),
                Build.reply(labelled, 0, "Label: yes").build(), Build.reply(labelled, 1, "Label: no").build()));
        outcomes.addAll(Build.onceReplies(plan.get(2), once));
        return Build.analyze(Build.runInfo("nightly", Shard.ALL, START.plusSeconds(86_400L * day)), plan, outcomes);
    }

    private static void assertWrittenAsBefore(String name, String text) throws IOException {
        assertThat(text).isEqualTo(fixture(name));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = MetricsTextTest.class.getResourceAsStream("/metrics/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
