package dev.seedwatch.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.seedwatch.provider.Providers;

/** The {@code answer} rule of prompts and defaults: merged like the other settings, checked at load with its path. */
class SuiteLoaderAnswerTest {

    @TempDir
    Path dir;

    private static String suite(String defaults, String prompts) {
        return "suite: t\n" + (defaults == null ? "" : "defaults:\n" + defaults)
                + "targets:\n  - {name: a, base-url: \"http://localhost:9/v1\", model: m}\n" + "prompts:\n" + prompts;
    }

    private Suite load(String yaml) throws IOException, InvalidSuiteException {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, yaml);
        return new SuiteLoader(Providers.TYPES, Map.<String, String>of()::get).load(file);
    }

    @Test
    void promptRuleReplacesTheDefaultAndNullRemovesIt() throws Exception {
        Suite suite = load(suite("""
                  answer: {regex: "Answer: (\\\\w+)"}
                """, """
                  - id: inherits
                    messages: [{role: user, content: a}]
                  - id: own
                    answer: {json-pointer: /label}
                    messages: [{role: user, content: b}]
                  - id: none
                    answer: null
                    messages: [{role: user, content: c}]
                  - id: whole
                    answer: {json-pointer: ""}
                    messages: [{role: user, content: d}]
                """));

        assertThat(suite.prompts()).extracting(Prompt::answer).containsExactly(AnswerRule.regex("Answer: (\\w+)"),
                AnswerRule.jsonPointer("/label"), null, AnswerRule.jsonPointer(""));
    }

    @Test
    void noRuleAnywhereMeansNoAnswer() throws Exception {
        Suite suite = load(suite(null, "  - {id: p, messages: [{role: user, content: a}]}\n"));

        assertThat(suite.prompts().get(0).answer()).isNull();
    }

    static Stream<Arguments> invalidRules() {
        return Stream.of(
                Arguments.of("pattern that does not compile", "answer: {regex: \"(unclosed\"}",
                        "prompts[0].answer.regex", "is not a valid Java regex"),
                Arguments.of("pointer without leading slash", "answer: {json-pointer: label}",
                        "prompts[0].answer.json-pointer", "is not an RFC 6901 JSON pointer"),
                Arguments.of("pointer with a bare tilde", "answer: {json-pointer: /a~2b}",
                        "prompts[0].answer.json-pointer", "is not an RFC 6901 JSON pointer"),
                Arguments.of("pointer that is a number", "answer: {json-pointer: 3}",
                        "prompts[0].answer.json-pointer", "must be a string"),
                Arguments.of("both keys", "answer: {regex: x, json-pointer: /x}", "prompts[0].answer",
                        "needs exactly one of regex or json-pointer"),
                Arguments.of("neither key", "answer: {}", "prompts[0].answer",
                        "needs exactly one of regex or json-pointer"),
                Arguments.of("unknown key", "answer: {regexp: x}", "prompts[0].answer.regexp", "did you mean 'regex'"),
                Arguments.of("not a mapping", "answer: \"(\\\\d+)\"", "prompts[0].answer", "must be a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRules")
    void invalidPromptRuleIsReportedWithItsPath(String name, String rule, String path, String reason) {
        String yaml = suite(null, "  - id: p\n    " + rule + "\n    messages: [{role: user, content: a}]\n");

        InvalidSuiteException e = catchThrowableOfType(InvalidSuiteException.class, () -> load(yaml));

        assertThat(e).as(name).isNotNull();
        assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.reason()).contains(reason);
        });
    }

    @Test
    void invalidDefaultRuleIsReportedUnderDefaults() {
        String yaml = suite("  answer: {regex: \"[a-\"}\n", "  - {id: p, messages: [{role: user, content: a}]}\n");

        InvalidSuiteException e = catchThrowableOfType(InvalidSuiteException.class, () -> load(yaml));

        assertThat(e).isNotNull();
        assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("defaults.answer.regex");
            assertThat(p.reason()).contains("is not a valid Java regex");
        });
    }
}
