package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.seedwatch.testing.JarRunner;

/** A setting of the wrong type is invalid input like a bad option: exit 2, naming the property, nothing sent. */
class SettingsIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({ "SEEDWATCH_CONCURRENCY, abc, seedwatch.concurrency",
            "SEEDWATCH_MAX_RESPONSE_BYTES, huge, seedwatch.max-response-bytes",
            "SEEDWATCH_REQUEST_TIMEOUT, soon, seedwatch.request-timeout" })
    void aSettingOfTheWrongTypeExitsTwoNamingIt(String variable, String value, String property) throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: settings
                targets: [{name: t, base-url: "http://127.0.0.1:9/v1", model: m}]
                prompts: [{id: p, messages: [{role: user, content: hello}]}]
                """);

        JarRunner.Result result = new JarRunner(dir).run(Map.of(variable, value), "validate", "--suite",
                suite.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.stderr()).contains("invalid input").contains(property).contains(value)
                .doesNotContain("IllegalArgumentException");
    }
}
