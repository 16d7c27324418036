package dev.seedwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of("my-proxy-token-42", "org-secret-777"));

    @Test
    void skKeysAreReplaced() {
        assertThat(redactor.redact("Incorrect API key provided: sk-proj-****************abcd. See dashboard."))
                .isEqualTo("Incorrect API key provided: sk-[REDACTED]. See dashboard.");
        assertThat(redactor.redact("key=sk-abc123DEF456_x")).isEqualTo("key=sk-[REDACTED]");
        assertThat(redactor.redact("\"sk-live-0123456789\"")).isEqualTo("\"sk-[REDACTED]\"");
    }

    @Test
    void bearerTokensAreReplaced() {
        assertThat(redactor.redact("Authorization: Bearer xyz")).isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(redactor.redact("authorization: bearer eyJhbGciOi.J9x_y-z+/== rest"))
                .isEqualTo("authorization: bearer [REDACTED] rest");
    }

    @Test
    void urlCredentialsAreReplaced() {
        assertThat(redactor.redact("GET https://user:pass@host.example/v1/chat failed"))
                .isEqualTo("GET https://[REDACTED]@host.example/v1/chat failed");
        assertThat(redactor.redact("proxy http://admin:s3cr3t@10.0.0.1:8080"))
                .isEqualTo("proxy http://[REDACTED]@10.0.0.1:8080");
    }

    @Test
    void explicitSecretsAreReplacedWherever() {
        assertThat(redactor.redact("header X-Token: my-proxy-token-42; org=org-secret-777!"))
                .isEqualTo("header X-Token: [REDACTED]; org=[REDACTED]!");
        assertThat(redactor.redact("prefixmy-proxy-token-42suffix")).isEqualTo("prefix[REDACTED]suffix");
    }

    @Test
    void secretsAreReplacedBeforePatterns() {
        Redactor withSkSecret = new Redactor(List.of("sk-canary-secret-1234"));
        assertThat(withSkSecret.redact("echo sk-canary-secret-1234")).doesNotContain("canary").doesNotContain("1234");
    }

    @Test
    void tooShortOrNullSecretsAreIgnored() {
        Redactor odd = new Redactor(Arrays.asList(null, "", "ab", "abc"));
        assertThat(odd.redact("abc ab a")).isEqualTo("abc ab a");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "Mission control confirmed the crew entered Mars orbit on schedule.",
            "a risk-free task-force plan", "see https://api.openai.com/v1/chat/completions", "Bearer",
            "email: someone@example.com", "HTTP 404: The model `gpt-5` does not exist"})
    void normalTextIsUnchanged(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
        assertThat(Redactor.PATTERNS_ONLY.redact(text)).isEqualTo(text);
    }

    @Test
    void nullStaysNull() {
        assertThat(redactor.redact(null)).isNull();
        assertThat(Redactor.PATTERNS_ONLY.redact(null)).isNull();
    }

    @Test
    void veryLongTextIsCut() {
        String text = "x".repeat(5000);
        assertThat(redactor.redact(text)).hasSize(2001).endsWith("…");
    }
}
