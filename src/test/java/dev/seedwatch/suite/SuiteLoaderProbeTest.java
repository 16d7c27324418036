package dev.seedwatch.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.provider.Providers;

/**
 * {@code probe: logprobs | sample}: the probe's own defaults beat the suite's {@code defaults}, values on the probe
 * win over both, and what a probe cannot be is rejected with its path.
 */
class SuiteLoaderProbeTest {

    private static final String TARGETS = """
            targets:
              - {name: local, base-url: "http://localhost:9/v1", model: m}
              - {name: wide, base-url: "http://localhost:9/v1", model: m, logprobs: 12}
            """;

    @TempDir
    Path dir;

    private Suite load(String yaml) throws IOException, InvalidSuiteException {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, yaml);
        return new SuiteLoader(Providers.TYPES, Map.of("KEY", "sk-probe-canary")::get).load(file);
    }

    private Prompt prompt(Suite suite, String id) {
        return suite.prompts().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void probeDefaultsBeatTheSuiteDefaultsAndTheProbesOwnValuesWin() throws Exception {
        Suite suite = load("""
                suite: t
                defaults: {seed: 123, temperature: 0, top-p: 0.9, max-tokens: 200, replays: 5, load-probe: true}
                """ + TARGETS + """
                prompts:
                  - {id: plain, messages: [{role: user, content: a}]}
                  - {id: first-token, probe: logprobs, messages: [{role: user, content: b}]}
                  - {id: story, probe: sample, messages: [{role: user, content: c}]}
                  - {id: own, probe: sample, seed: 7, temperature: 0.5, max-tokens: 10, replays: 3,
                     messages: [{role: user, content: d}]}
                """);

        assertThat(prompt(suite, "plain").probe()).isNull();
        assertThat(prompt(suite, "first-token").probe()).isEqualTo(Probe.LOGPROBS);
        assertThat(prompt(suite, "first-token").settings())
                .isEqualTo(new RequestSettings(123L, 0.0, 0.9, 1, null, Map.of(), 16, false));
        assertThat(prompt(suite, "story").settings())
                .isEqualTo(new RequestSettings(null, 1.0, 0.9, 40, null, Map.of(), 20, false));
        assertThat(prompt(suite, "own").settings())
                .isEqualTo(new RequestSettings(7L, 0.5, 0.9, 10, null, Map.of(), 3, false));
    }

    @Test
    void aProbeKeepsTheTokenLimitKeyOfTheDefaults() throws Exception {
        Suite suite = load("suite: t\ndefaults: {max-completion-tokens: 500}\n" + TARGETS + """
                prompts:
                  - {id: story, probe: sample, messages: [{role: user, content: c}]}
                """);

        assertThat(prompt(suite, "story").settings().maxCompletionTokens()).isEqualTo(40);
        assertThat(prompt(suite, "story").settings().maxTokens()).isNull();
    }

    @Test
    void aLogprobsProbeAsksForTheTargetsTopKElseFive() throws Exception {
        Suite suite = load("suite: t\n" + TARGETS + """
                prompts:
                  - {id: plain, messages: [{role: user, content: a}]}
                  - {id: first-token, probe: logprobs, messages: [{role: user, content: b}]}
                """);

        Prompt probe = prompt(suite, "first-token");
        assertThat(Probe.topLogprobs(suite.targets().get(0), probe)).isEqualTo(5);
        assertThat(Probe.topLogprobs(suite.targets().get(1), probe)).isEqualTo(12);
        assertThat(Probe.topLogprobs(suite.targets().get(0), prompt(suite, "plain"))).isNull();
    }

    @Test
    void aLogprobsProbeForATargetWithoutLogprobsIsAProblemOfTheProbeField() throws Exception {
        InvalidSuiteException e = catchThrowableOfType(InvalidSuiteException.class, () -> load("""
                suite: t
                defaults: {max-tokens: 50}
                targets: [{name: claude, type: anthropic, model: claude-sonnet-4, api-key-env: KEY}]
                prompts:
                  - {id: story, probe: sample, messages: [{role: user, content: a}]}
                  - {id: first-token, probe: logprobs, messages: [{role: user, content: b}]}
                """));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("prompts[1].probe");
            assertThat(p.reason()).contains("claude").contains("anthropic");
        });
        assertThat(e.getMessage()).doesNotContain("canary");
    }

    @Test
    void unknownKindsAnswersAndLoadProbesAreRejectedOnAProbe() throws Exception {
        InvalidSuiteException e = catchThrowableOfType(InvalidSuiteException.class, () -> load("suite: t\n" + TARGETS
                + """
                        prompts:
                          - {id: a, probe: greedy, messages: [{role: user, content: a}]}
                          - {id: b, probe: sample, answer: {regex: "(x)"}, messages: [{role: user, content: b}]}
                          - {id: c, probe: logprobs, load-probe: true, messages: [{role: user, content: c}]}
                        """));

        assertThat(e.problems()).extracting(SuiteProblem::path)
                .containsExactlyInAnyOrder("prompts[0].probe", "prompts[1].answer", "prompts[2].load-probe");
        assertThat(e.problems().get(0).reason()).contains("logprobs, sample");
    }
}
