package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.LlamaServer;
import dev.seedwatch.testing.ModelCopies;
import dev.seedwatch.testing.ModelCopies.Precision;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.ServedModel;

/**
 * Issue 23 proven on the real model: the built jar runs probes against stories260K on llama.cpp's llama-server
 * ({@code -np 4 -kvu}, 8 requests in flight, so every reply carries batch noise) behind one address, while what
 * answers there changes between runs: the same weights restarted, an F16 or Q4_0 copy made by llama-quantize, a
 * 50/50 mixture of the original and the Q4_0 copy, another chat template. The first run of each test sets the
 * reference. Figures per distortion over repeated trials: {@code bench/change-detection.sh}, docs/change-detection.md.
 */
class RealModelChangeIT {

    /**
     * The logprob probes, as docs/probes.md advises for llama.cpp: {@code cache_prompt: false}, so that no reply reuses
     * the prompt a slot computed for an earlier one. With the cache, a run's replies share one computation and a
     * restarted server's run carries its own offset: 8 restarted runs of the same weights gave logprobs p-values
     * from 2.3e-5 to 0.31, four of eight below 0.01 (docs/change-detection.md).
     */
    static final String LOGPROB_PROBES = """
              - {id: lp-once, probe: logprobs, params: {cache_prompt: false}, messages: [{role: user, content: "Once upon a time"}]}
              - {id: lp-dog, probe: logprobs, params: {cache_prompt: false}, messages: [{role: user, content: "Tom and his dog"}]}
              - {id: lp-sun, probe: logprobs, params: {cache_prompt: false}, messages: [{role: user, content: "The sun was"}]}
              - {id: lp-lily, probe: logprobs, params: {cache_prompt: false}, messages: [{role: user, content: "Lily wanted to"}]}
            """;
    static final List<String> SAMPLE_OPENINGS = List.of("Once upon a time, there was a little girl",
            "One day, a boy named Tim", "The cat sat", "Sara went to the park", "A big red ball", "Mom said",
            "The bird could not fly", "It was a sunny day", "Ben had a toy car", "In the forest, there lived",
            "The little fish", "Anna and her friend");

    static ServedModel served;
    static LlamaServer.Setup original;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        served = new ServedModel(23);
        original = LlamaServer.Setup.of(LlamaServer.model());
    }

    @AfterAll
    static void stop() {
        if (served != null) {
            served.close();
        }
    }

    /**
     * The same weights, the server restarted before every run: 10 runs after the reference, no alarm from any of the
     * three tests, at the 40 samples per probe the Q4_0 case needs; every test's p-values lie in (0, 1] and differ,
     * and the logprobs test's are not piled up near 0 (as they were with the prompt cache on).
     */
    @Test
    void theSameWeightsRestartedRaiseNoAlarmOverTenRuns() throws Exception {
        Path suite = suite("null", true, true, 40);
        served.serve(original);
        run(suite, Map.of());
        Map<String, List<Double>> pValues = Map.of("logprobs", new ArrayList<>(), "mmd", new ArrayList<>(),
                "energy", new ArrayList<>());
        for (int run = 1; run <= 10; run++) {
            served.serve(original);
            PromText metrics = run(suite, Map.of());
            assertThat(metrics.require("seedwatch_change_detected", target())).as("run %d", run).isZero();
            pValues.forEach((test, values) -> values.add(metrics.require("seedwatch_change_p_value", test(test))));
        }
        System.out.println("RealModelChangeIT null p-values: " + pValues);
        pValues.forEach((test, values) -> {
            assertThat(values).as(test).allSatisfy(p -> assertThat(p).isGreaterThan(0).isLessThanOrEqualTo(1));
            assertThat(values.stream().distinct().count()).as("distinct %s p-values", test).isGreaterThan(1);
        });
        // With llama-server's prompt cache on, 4 of 8 such runs were at or below 0.01; with it off, 0 of 28.
        assertThat(pValues.get("logprobs").stream().filter(p -> p <= 0.01).count())
                .as("logprobs p-values at or below 0.01").isLessThanOrEqualTo(2);
    }

    /** An F16 copy (every greedy reply unchanged): the first run after the swap detects it at alpha 0.01. */
    @Test
    void anF16CopyIsCaughtByLogprobsInTheFirstRunAfterTheSwap() throws Exception {
        Path suite = suite("f16", true, false);
        served.serve(original);
        run(suite, Map.of());
        served.serve(LlamaServer.Setup.of(ModelCopies.of(Precision.F16)));
        PromText metrics = run(suite, Map.of());
        System.out.printf("RealModelChangeIT F16: logprobs p %s, evidence %s%n",
                metrics.require("seedwatch_change_p_value", test("logprobs")),
                metrics.require("seedwatch_change_evidence", target()));
        assertThat(metrics.require("seedwatch_change_detected", target())).isEqualTo(1.0);
        assertThat(metrics.require("seedwatch_change_evidence", target())).isGreaterThanOrEqualTo(100);
    }

    /**
     * A Q4_0 copy seen by sample probes only at alpha 0.05, four runs. At the 20 samples per probe the MMD
     * p-value of one run has quartiles 0.006, 0.022 and 0.064 (resampled from real runs; docs/change-detection.md),
     * too weak to assert anything on; at 40 samples they are 1e-5, 3e-5 and 2.4e-4, and in every one of 20 resampled
     * sequences the smallest of four runs was below 0.005. So this test samples 40 per probe and asserts that smallest
     * p-value is at most 0.01 (4 % of null sequences would pass that too). Detection within the four runs, the
     * issue's goal, happened in 18 of those 20 sequences: it is printed, not asserted.
     */
    @Test
    void aQ4CopyMovesTheSampleProbesMmdTest() throws Exception {
        Path suite = suite("q4", false, true, 40);
        Map<String, String> alpha = Map.of("SEEDWATCH_CHANGE_ALPHA", "0.05");
        served.serve(original);
        run(suite, alpha);
        served.serve(LlamaServer.Setup.of(ModelCopies.of(Precision.Q4_0)));
        double smallest = 1;
        for (int run = 1; run <= 4; run++) {
            PromText metrics = run(suite, alpha);
            report("Q4_0 run " + run, metrics, "mmd", "energy");
            smallest = Math.min(smallest, metrics.require("seedwatch_change_p_value", test("mmd")));
        }
        assertThat(smallest).as("the smallest mmd p-value of the four runs after the Q4_0 swap").isLessThanOrEqualTo(0.01);
    }

    /** Each request routed at random to the original or the Q4_0 copy: detected in the first run. */
    @Test
    void aMixtureOfTheOriginalAndItsQ4CopyIsCaught() throws Exception {
        Path suite = suite("mixture", true, true);
        served.serve(original);
        run(suite, Map.of());
        served.mix(original, LlamaServer.Setup.of(ModelCopies.of(Precision.Q4_0)));
        PromText metrics = run(suite, Map.of());
        report("50/50 mixture", metrics, "logprobs", "mmd", "energy");
        assertThat(metrics.require("seedwatch_change_detected", target())).isEqualTo(1.0);
    }

    /**
     * The server's chat template changed (the model has none; llama-server falls back to chatml, then is told
     * {@code llama2}): reported, not asserted; whether one run catches it is a figure of the table.
     */
    @Test
    void aChatTemplateChangeIsReported() throws Exception {
        Path suite = suite("template", true, true);
        served.serve(original);
        run(suite, Map.of());
        served.serve(original.withChatTemplate("llama2"));
        PromText metrics = run(suite, Map.of());
        report("chat template llama2", metrics, "logprobs", "mmd", "energy");
        assertThat(metrics.value("seedwatch_change_detected", target())).isPresent();
    }

    static void report(String what, PromText metrics, String... tests) {
        String pValues = List.of(tests).stream()
                .map(t -> t + " p " + metrics.require("seedwatch_change_p_value", test(t)))
                .collect(Collectors.joining(", "));
        System.out.printf("RealModelChangeIT %s: %s, evidence %s, detected %s%n", what, pValues,
                metrics.require("seedwatch_change_evidence", target()),
                metrics.require("seedwatch_change_detected", target()));
    }

    /** A suite against the served model: the logprob probes (4 × 16) and/or the sample probes (12 × 20 × 40). */
    Path suite(String name, boolean logprobs, boolean samples) throws IOException {
        return suite(name, logprobs, samples, 20);
    }

    /** The same with {@code replays} samples per sample probe. */
    Path suite(String name, boolean logprobs, boolean samples, int replays) throws IOException {
        StringBuilder prompts = new StringBuilder(logprobs ? LOGPROB_PROBES : "");
        if (samples) {
            for (int i = 0; i < SAMPLE_OPENINGS.size(); i++) {
                prompts.append(("  - {id: sample-%02d, probe: sample, replays: %d, messages: [{role: user, content: "
                        + "\"%s\"}]}\n").formatted(i + 1, replays, SAMPLE_OPENINGS.get(i)));
            }
        }
        Path suite = dir.resolve(name + ".yaml");
        Files.writeString(suite, """
                suite: change
                targets:
                  - {name: llama, base-url: "%s", model: %s, concurrency: 8, logprobs: 5, timeout: 60s}
                prompts:
                %s""".formatted(served.baseUrl(), LlamaServer.DEFAULT_ALIAS, prompts));
        return suite;
    }

    PromText run(Path suite, Map<String, String> env) throws Exception {
        Path state = dir.resolve("state");
        JarRunner.Result result = new JarRunner(dir).run(env, "run", "--suite", suite.toString(), "--state-dir",
                state.toString());
        assertThat(result.exitCode()).as(result.all()).isZero();
        return PromText.parse(Files.readString(state.resolve("metrics.prom")));
    }

    static Map<String, String> target() {
        return Map.of("suite", "change", "target", "llama");
    }

    static Map<String, String> test(String test) {
        return Map.of("suite", "change", "target", "llama", "test", test);
    }
}
