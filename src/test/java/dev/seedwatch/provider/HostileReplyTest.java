package dev.seedwatch.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.support.Json;
import dev.seedwatch.support.Redactor;
import dev.seedwatch.testing.FakeOpenAi;

/** A successful reply whose strings or numbers are hostile: capped, escaped, redacted, or a bad_response. */
class HostileReplyTest {

    private static final String KEY = "sk-run-own-key-0042";

    private final ResponseClassifier classifier = new ResponseClassifier(Providers.of(ChatCompletions.OPENAI),
            new Redactor(List.of(KEY)));

    private static ObjectNode reply() {
        return (ObjectNode) FakeOpenAi.fixture("openai-chat.json");
    }

    private Completion classify(ObjectNode body) {
        return classifier.classify(200, body.toString(), name -> null);
    }

    @Test
    void aMegabyteFingerprintAndModelAreCutToTheLabelCap() {
        ObjectNode body = reply().put("system_fingerprint", "f".repeat(1 << 20)).put("model", "m".repeat(1 << 20));

        Completion c = classify(body);

        // 256 characters kept, the cut marked with one more
        assertThat(c.fingerprint().value()).hasSize(ProviderStrings.MAX_LABEL_CHARS + 1).endsWith("f…");
        assertThat(c.servedModel()).hasSize(ProviderStrings.MAX_LABEL_CHARS + 1);
    }

    @Test
    void theRunsOwnKeyEchoedAnywhereIsRedacted() {
        ObjectNode body = reply().put("system_fingerprint", "fp_" + KEY).put("model", KEY);
        ((ObjectNode) body.withArray("choices").get(0).get("message")).put("content", "your key is " + KEY + ".");

        Completion c = classify(body);

        assertThat(c.fingerprint().value()).isEqualTo("fp_[REDACTED]");
        assertThat(c.servedModel()).isEqualTo("[REDACTED]");
        assertThat(c.text()).isEqualTo("your key is [REDACTED].");
    }

    @Test
    void aKeyLookalikeInTheTextIsLeftAlone() {
        ObjectNode body = reply();
        ((ObjectNode) body.withArray("choices").get(0).get("message")).put("content", "the bearer of sk-good-news");

        assertThat(classify(body).text()).isEqualTo("the bearer of sk-good-news");
    }

    @Test
    void controlCharactersInLabelsAreEscaped() {
        ObjectNode body = reply().put("system_fingerprint", "fp\u001b[2J\r\nx\u0000").put("model", "m\u009b1");

        Completion c = classify(body);

        assertThat(c.fingerprint().value()).isEqualTo("fp\\u001b[2J\\r\\nx\\u0000");
        assertThat(c.servedModel()).isEqualTo("m\\u009b1");
    }

    @Test
    void anErrorMessageHasItsControlCharactersEscaped() {
        AttemptFailure f = catchThrowableOfType(AttemptFailure.class,
                () -> classifier.classify(500, "{\"error\":{\"message\":\"boom\\u001b[31m\\nred\"}}", name -> null));

        assertThat(f.getMessage()).isEqualTo("HTTP 500: boom\\u001b[31m\\nred");
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "1e30", "9223372036854775807", "2.7", "\"ten\"", "true", "100000001" })
    void aTokenCountThatIsNoCountIsABadResponse(String count) throws Exception {
        ObjectNode body = reply();
        ((ObjectNode) body.get("usage")).set("completion_tokens", Json.MAPPER.readTree(count));

        AttemptFailure f = catchThrowableOfType(AttemptFailure.class, () -> classify(body));

        assertThat(f).isNotNull();
        assertThat(f.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
        assertThat(f.getMessage()).contains("completion_tokens").contains("100000000");
    }

    @Test
    void theBoundsOfATokenCountAreCounts() throws Exception {
        ObjectNode body = reply();
        ((ObjectNode) body.get("usage")).put("prompt_tokens", 0).put("completion_tokens", 100_000_000);

        Completion c = classify(body);

        assertThat(c.promptTokens()).isZero();
        assertThat(c.completionTokens()).isEqualTo(100_000_000L);
    }

    @Test
    void anAbsentOrNullCountIsAbsent() {
        ObjectNode body = reply();
        ((ObjectNode) body.get("usage")).remove("prompt_tokens");
        ((ObjectNode) body.get("usage")).putNull("completion_tokens");

        Completion c = classify(body);

        assertThat(c.promptTokens()).isNull();
        assertThat(c.completionTokens()).isNull();
    }
}
