package dev.seedwatch.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.provider.OpenAiResponses;
import dev.seedwatch.provider.Providers;

/** What the suite loader knows about each target type: defaults, headers, required and unsent settings. */
class TargetTypesLoaderTest {

    static final Map<String, String> ENV = Map.of("KEY", "canary-key-0123456789");

    @TempDir
    Path dir;

    Suite load(String yaml) throws IOException, InvalidSuiteException {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, yaml);
        return new SuiteLoader(Providers.TYPES, ENV::get).load(file);
    }

    InvalidSuiteException invalid(String yaml) throws IOException {
        return catchThrowableOfType(InvalidSuiteException.class, () -> load(yaml));
    }

    static String suite(String targets, String defaults) {
        return """
                suite: t
                defaults: %s
                targets:
                %s
                prompts:
                  - {id: a, messages: [{role: system, content: Be brief.}, {role: user, content: hello}]}
                  - {id: b, messages: [{role: user, content: bye}]}
                """.formatted(defaults, targets.indent(2).stripTrailing());
    }

    @Test
    void eachTypeGetsItsKeyHeaderAndDefaultBaseUrl() throws Exception {
        Suite suite = load(suite("""
                - {name: responses, type: openai-responses, base-url: "https://api.openai.com/v1", model: gpt-4.1-mini, api-key-env: KEY}
                - {name: claude, type: anthropic, model: claude-sonnet-4-5, api-key-env: KEY}
                - {name: gemini, type: gemini, model: gemini-2.5-flash, api-key-env: KEY}
                """, "{max-tokens: 100, temperature: 0}"));

        Target responses = suite.targets().get(0);
        assertThat(responses.type()).isEqualTo(OpenAiResponses.TYPE);
        assertThat(responses.secretHeaders().values()).containsExactlyEntriesOf(
                Map.of("Authorization", "Bearer canary-key-0123456789"));
        Target claude = suite.targets().get(1);
        assertThat(claude.baseUrl()).isEqualTo(URI.create("https://api.anthropic.com/v1"));
        assertThat(claude.secretHeaders().values()).containsOnly(Map.entry("anthropic-version", "2023-06-01"),
                Map.entry("x-api-key", "canary-key-0123456789"));
        Target gemini = suite.targets().get(2);
        assertThat(gemini.baseUrl()).isEqualTo(URI.create("https://generativelanguage.googleapis.com/v1beta"));
        assertThat(gemini.secretHeaders().values()).containsExactlyEntriesOf(
                Map.of("x-goog-api-key", "canary-key-0123456789"));
        assertThat(suite.warnings()).isEmpty();
    }

    @Test
    void aSuiteHeaderOverridesTheAnthropicVersion() throws Exception {
        Suite suite = load(suite("""
                - name: claude
                  type: anthropic
                  model: claude-sonnet-4-5
                  headers: [{name: anthropic-version, value: "2024-01-01"}]
                """, "{max-tokens: 100}"));

        assertThat(suite.targets().get(0).secretHeaders().values()).containsEntry("anthropic-version", "2024-01-01");
    }

    @Test
    void aSeedForATypeThatTakesNoneIsWarnedOncePerTarget() throws Exception {
        Suite suite = load(suite("""
                - {name: responses, type: openai-responses, base-url: "https://api.openai.com/v1", model: m}
                - {name: claude, type: anthropic, model: claude-sonnet-4-5}
                - {name: gemini, type: gemini, model: gemini-2.5-flash}
                - {name: chat, base-url: "https://api.openai.com/v1", model: m}
                """, "{seed: 123, max-tokens: 100}"));

        assertThat(suite.warnings()).containsExactly(
                "target responses (type: openai-responses): the API takes no seed; seed is not sent to it",
                "target claude (type: anthropic): the API takes no seed; seed is not sent to it");
    }

    @Test
    void anthropicWithoutMaxTokensNamesTheFieldOfEveryPrompt() throws Exception {
        InvalidSuiteException e = invalid(suite("""
                - {name: claude, type: anthropic, model: claude-sonnet-4-5}
                """, "{temperature: 0}"));

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(SuiteProblem::path).containsExactly("prompts[0].max-tokens",
                "prompts[1].max-tokens");
        assertThat(e.problems().get(0).reason()).contains("is required by target 'claude' (type: anthropic)");
    }

    @Test
    void baseUrlIsRequiredWhereATypeHasNoHomeAndApiVersionOnlyForAzure() throws Exception {
        InvalidSuiteException e = invalid(suite("""
                - {name: responses, type: openai-responses, model: m}
                - {name: gemini, type: gemini, model: g, api-version: "1"}
                """, "{}"));

        assertThat(e.problems()).extracting(SuiteProblem::path).containsExactlyInAnyOrder("targets[0].base-url",
                "targets[1].api-version");
    }

    @Test
    void credentialHeadersOfEveryTypeComeOnlyFromApiKeyEnv() throws Exception {
        InvalidSuiteException e = invalid(suite("""
                - name: claude
                  type: anthropic
                  model: c
                  headers: [{name: x-api-key, value-env: KEY}, {name: X-Goog-Api-Key, value-env: KEY}]
                """, "{max-tokens: 10}"));

        assertThat(e.problems()).extracting(SuiteProblem::path).containsExactly("targets[0].headers[0].name",
                "targets[0].headers[1].name");
        assertThat(e.getMessage()).doesNotContain("canary");
    }
}
