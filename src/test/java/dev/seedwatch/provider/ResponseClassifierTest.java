package dev.seedwatch.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.seedwatch.support.HttpPeer;
import dev.seedwatch.support.Redactor;
import dev.seedwatch.testing.FakeOpenAi;

/** Classifies the real-shaped provider bodies of the fixtures (src/test/resources/fixtures). */
class ResponseClassifierTest {

    private static final String CANARY = "sk-canary-secret-1234";

    private final ResponseClassifier classifier = new ResponseClassifier(Providers.of(ChatCompletions.OPENAI),
            new Redactor(List.of(CANARY)));

    static String fixture(String name) {
        return FakeOpenAi.fixtureText(name);
    }

    /** Answer headers holding only {@code Retry-After}. */
    private static Function<String, String> retryAfter(String value) {
        return name -> name.equalsIgnoreCase("Retry-After") ? value : null;
    }

    private AttemptFailure failure(int status, String body, String retryAfter) {
        AttemptFailure failure = catchThrowableOfType(AttemptFailure.class,
                () -> classifier.classify(status, body, retryAfter(retryAfter)));
        assertThat(failure).as("HTTP %d must fail", status).isNotNull();
        assertThat(failure.getMessage()).doesNotContain(CANARY);
        return failure;
    }

    // ------------------------------------------------------------------ successful replies

    @Test
    void openAiChat() {
        Completion c = classifier.classify(200, fixture("openai-chat.json"), retryAfter(null));

        assertThat(c.text()).isEqualTo("Mission control confirmed the crew entered Mars orbit on schedule.");
        assertThat(c.finishReason()).isEqualTo("stop");
        assertThat(c.fingerprint()).isEqualTo(Fingerprint.of("fp_0ba0d124f1"));
        assertThat(c.fingerprint().presence()).isEqualTo(Fingerprint.Presence.PRESENT);
        assertThat(c.fingerprint().label()).isEqualTo("fp_0ba0d124f1");
        assertThat(c.servedModel()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(c.promptTokens()).isEqualTo(29L);
        assertThat(c.completionTokens()).isEqualTo(14L);
    }

    @Test
    void llamaServerTokensWithTheirTopLogprobs() {
        Completion c = classifier.classify(200, fixture("llamacpp-chat-logprobs.json"), retryAfter(null));

        assertThat(c.text()).isEqualTo("\"Here?\"");
        assertThat(c.fingerprint()).isEqualTo(Fingerprint.of("b1-80fb11a"));
        assertThat(c.tokens()).hasSize(6);
        assertThat(String.join("", c.tokens().stream().map(TokenLogprob::token).toList())).isEqualTo(c.text());
        TokenLogprob first = c.tokens().get(0);
        assertThat(first.token()).isEqualTo("\"");
        assertThat(first.logprob()).isEqualTo(-1.0671275854110718);
        assertThat(first.top()).containsExactly(-1.0671275854110718, -2.667452096939087);
        assertThat(first.margin()).isEqualTo(-1.0671275854110718 - -2.667452096939087);
    }

    @Test
    void responsesTokensFromTheOutputText() {
        ResponseClassifier responses = new ResponseClassifier(Providers.of(OpenAiResponses.TYPE),
                Redactor.PATTERNS_ONLY);
        Completion c = responses.classify(200, """
                {"model": "gpt-4.1-mini", "status": "completed", "output": [{"type": "message", "content": [
                  {"type": "output_text", "text": "Hi!", "logprobs": [
                    {"token": "Hi", "logprob": -0.1, "top_logprobs": [{"token": "Hi", "logprob": -0.1},
                                                                     {"token": "Hello", "logprob": -2.4}]},
                    {"token": "!", "logprob": -0.3, "top_logprobs": [{"token": "!", "logprob": -0.3}]}]}]}],
                 "usage": {"input_tokens": 5, "output_tokens": 2}}""", retryAfter(null));

        assertThat(c.tokens()).extracting(TokenLogprob::token).containsExactly("Hi", "!");
        assertThat(c.tokens().get(0).margin()).isCloseTo(2.3, within(1e-12));
        assertThat(c.tokens().get(1).margin()).isNull();
    }

    @Test
    void geminiTokensPairChosenAndTopCandidates() {
        ResponseClassifier gemini = new ResponseClassifier(Providers.of(Gemini.TYPE), Redactor.PATTERNS_ONLY);
        Completion c = gemini.classify(200, """
                {"candidates": [{"content": {"parts": [{"text": "Paris"}], "role": "model"}, "finishReason": "STOP",
                  "logprobsResult": {
                    "topCandidates": [{"candidates": [{"token": "Paris", "logProbability": -0.01},
                                                      {"token": "Lyon", "logProbability": -4.61}]}],
                    "chosenCandidates": [{"token": "Paris", "logProbability": -0.01}]}}],
                 "modelVersion": "gemini-2.5-flash"}""", retryAfter(null));

        assertThat(c.tokens()).hasSize(1);
        assertThat(c.tokens().get(0).token()).isEqualTo("Paris");
        assertThat(c.tokens().get(0).margin()).isCloseTo(4.6, within(1e-12));
    }

    @Test
    void noTokensWhenTheAnswerHasNoLogprobs() {
        assertThat(classifier.classify(200, fixture("openai-chat.json"), retryAfter(null)).tokens()).isNull();
    }

    @Test
    void openAiChatWithNullFingerprint() {
        Completion c = classifier.classify(200, fixture("openai-chat-null-fingerprint.json"), retryAfter(null));

        assertThat(c.text()).isEqualTo("In the beginning there was a single hot, dense point.");
        assertThat(c.fingerprint()).isEqualTo(Fingerprint.NULL);
        assertThat(c.fingerprint().label()).isEqualTo(Fingerprint.NONE);
        assertThat(c.servedModel()).isEqualTo("gpt-4-0613");
    }

    @Test
    void vllmChatWithoutFingerprintKey() {
        Completion c = classifier.classify(200, fixture("vllm-chat.json"), retryAfter(null));

        assertThat(c.text()).isEqualTo("Engineers reported a smooth course correction ahead of arrival.");
        assertThat(c.fingerprint()).isEqualTo(Fingerprint.MISSING);
        assertThat(c.fingerprint().label()).isEqualTo(Fingerprint.NONE);
        assertThat(c.servedModel()).isEqualTo("/models/Qwen2.5-7B-Instruct");
        assertThat(c.promptTokens()).isEqualTo(40L);
        assertThat(c.completionTokens()).isEqualTo(12L);
    }

    @Test
    void ollamaChat() {
        Completion c = classifier.classify(200, fixture("ollama-chat.json"), retryAfter(null));

        assertThat(c.text()).isEqualTo("The rover touched down in Jezero crater this morning.");
        assertThat(c.fingerprint()).isEqualTo(Fingerprint.of("fp_ollama"));
        assertThat(c.servedModel()).isEqualTo("llama3.2:3b");
    }

    @Test
    void azureChat() {
        Completion c = classifier.classify(200, fixture("azure-chat.json"), retryAfter(null));

        assertThat(c.text()).startsWith("Long ago, before time had a name");
        assertThat(c.finishReason()).isEqualTo("length");
        assertThat(c.fingerprint()).isEqualTo(Fingerprint.of("fp_e49e4201a9"));
        assertThat(c.servedModel()).isEqualTo("gpt-35-turbo");
        assertThat(c.promptTokens()).isEqualTo(27L);
        assertThat(c.completionTokens()).isEqualTo(50L);
    }

    @Test
    void emptyTextIsStillACompletion() {
        Completion c = classifier.classify(200,
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"stop\"}]}",
                null);

        assertThat(c.text()).isEmpty();
        assertThat(c.fingerprint()).isEqualTo(Fingerprint.MISSING);
        assertThat(c.promptTokens()).isNull();
        assertThat(c.completionTokens()).isNull();
    }

    // ------------------------------------------------------------------ failed replies

    @Test
    void azureContentFilter() {
        AttemptFailure f = failure(200, fixture("azure-chat-content-filter.json"), null);

        assertThat(f.reason()).isEqualTo(FailureReason.CONTENT_FILTER);
        assertThat(f.httpStatus()).isEqualTo(200);
    }

    @Test
    void unauthorisedIsAuthAndTheEchoedKeyIsRedacted() {
        AttemptFailure f = failure(401, fixture("error-401.json"), null);

        assertThat(f.reason()).isEqualTo(FailureReason.AUTH);
        assertThat(f.httpStatus()).isEqualTo(401);
        assertThat(f.getMessage()).contains("Incorrect API key provided").doesNotContain("sk-proj-")
                .doesNotContain("abcd.");
    }

    @Test
    void forbiddenIsAuth() {
        assertThat(failure(403, "{\"error\":{\"message\":\"forbidden\"}}", null).reason())
                .isEqualTo(FailureReason.AUTH);
    }

    @Test
    void modelNotFound() {
        AttemptFailure f = failure(404, fixture("error-404-model.json"), null);

        assertThat(f.reason()).isEqualTo(FailureReason.NOT_FOUND);
        assertThat(f.getMessage()).contains("gpt-5-turbo-nonexistent");
    }

    @Test
    void seedRejected() {
        assertThat(failure(400, fixture("error-400-seed.json"), null).reason())
                .isEqualTo(FailureReason.SEED_UNSUPPORTED);
    }

    @Test
    void maxTokensRejectedIsAPlainClientError() {
        AttemptFailure f = failure(400, fixture("error-400-max-tokens.json"), null);

        assertThat(f.reason()).isEqualTo(FailureReason.CLIENT_ERROR);
        assertThat(f.getMessage()).contains("max_completion_tokens");
    }

    @Test
    void rateLimitedWithRetryAfter() {
        AttemptFailure f = failure(429, fixture("error-429.json"), "2");

        assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(f.httpStatus()).isEqualTo(429);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rateLimitedWithoutRetryAfter() {
        AttemptFailure f = failure(429, fixture("error-429.json"), null);

        assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(f.retryAfter()).isNull();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrors(int status) {
        AttemptFailure f = failure(status, "<html><body>upstream failed, key " + CANARY + "</body></html>", null);

        assertThat(f.reason()).isEqualTo(FailureReason.SERVER_ERROR);
        assertThat(f.httpStatus()).isEqualTo(status);
        assertThat(f.getMessage()).startsWith("HTTP " + status);
    }

    @Test
    void serverErrorWithEmptyBody() {
        AttemptFailure f = failure(503, "", "1");

        assertThat(f.reason()).isEqualTo(FailureReason.SERVER_ERROR);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(f.getMessage()).contains("(empty body)");
    }

    @Test
    void truncatedBodyIsBadResponse() {
        String body = fixture("openai-chat.json");
        AttemptFailure f = failure(200, body.substring(0, body.length() / 2), null);

        assertThat(f.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
        assertThat(f.httpStatus()).isEqualTo(200);
    }

    @Test
    void noChoicesIsBadResponse() {
        assertThat(failure(200, "{\"choices\":[]}", null).reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "[]", "null", "{}", "{\"choices\":[{\"message\":{\"role\":\"assistant\"}}]}",
            "{\"choices\":[{\"message\":{\"content\":null}}]}", "{\"choices\":[{\"message\":{\"content\":42}}]}"})
    void otherUnusable200sAreBadResponses(String body) {
        assertThat(failure(200, body, null).reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    }

    @Test
    void connectExceptionInTheChainIsConnection() {
        Throwable error = new CompletionException("request failed",
                new IllegalStateException("pool", new ConnectException("Connection refused: localhost/127.0.0.1:1")));

        AttemptFailure f = classifier.classify(error);

        assertThat(f.reason()).isEqualTo(FailureReason.CONNECTION);
        assertThat(f.httpStatus()).isNull();
    }

    @Test
    void unknownHostIsConnection() {
        assertThat(classifier.classify(new RuntimeException("x", new UnknownHostException("api.invalid"))).reason())
                .isEqualTo(FailureReason.CONNECTION);
    }

    @Test
    void timeoutExceptionInTheChainIsTimeout() {
        Throwable error = new CompletionException("request failed",
                new IllegalStateException("x", new TimeoutException("took too long")));

        assertThat(classifier.classify(error).reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(classifier.classify(new ExecutionException(new TimeoutException())).reason())
                .isEqualTo(FailureReason.TIMEOUT);
    }

    @Test
    void attemptFailureInTheChainIsKept() {
        AttemptFailure original = new AttemptFailure(FailureReason.NOT_FOUND, 404, null, "HTTP 404");

        assertThat(classifier.classify(new CompletionException(original))).isSameAs(original);
    }

    @Test
    void exceptionMessagesAreRedacted() {
        AttemptFailure f = classifier.classify(
                new ConnectException("Connection refused to https://user:pw@proxy.local with " + CANARY));

        assertThat(f.reason()).isEqualTo(FailureReason.CONNECTION);
        assertThat(f.getMessage()).doesNotContain(CANARY).doesNotContain("user:pw");
    }

    @Test
    void anErrorOfTheJvmIsNoAnswerAndStopsTheRun() {
        Throwable oom = new CompletionException(new OutOfMemoryError("Java heap space"));

        assertThatThrownBy(() -> classifier.classify(oom)).isInstanceOf(RunAbort.class)
                .hasMessage("OutOfMemoryError: Java heap space");
    }

    @Test
    void anAnswerTooLargeIsABadResponseNotRetried() {
        AttemptFailure f = classifier.classify(new CompletionException(
                new HttpPeer.TooLarge("answer of 62914560 bytes (Content-Length) exceeds the cap of 8388608 bytes")));

        assertThat(f.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
        assertThat(f.retryable()).isFalse();
        assertThat(f.getMessage()).contains("62914560").contains("8388608");
    }

    @Test
    void aRedirectIsAClientErrorNamingOnlyTheHost() {
        AttemptFailure f = catchThrowableOfType(AttemptFailure.class, () -> classifier.classify(307, "",
                name -> name.equalsIgnoreCase("Location") ? "https://evil.example/steal?key=" + CANARY : null));

        assertThat(f.reason()).isEqualTo(FailureReason.CLIENT_ERROR);
        assertThat(f.retryable()).isFalse();
        assertThat(f.httpStatus()).isEqualTo(307);
        assertThat(f.getMessage()).isEqualTo("HTTP 307: redirect to evil.example not followed");
    }

    // ------------------------------------------------------------------ Retry-After

    @Test
    void retryAfterMsComesBeforeRetryAfter() {
        AttemptFailure f = catchThrowableOfType(AttemptFailure.class, () -> classifier.classify(429,
                fixture("error-429.json"), name -> switch (name.toLowerCase(Locale.ROOT)) {
                    case "retry-after-ms" -> "1250";
                    case "retry-after" -> "2";
                    default -> null;
                }));

        assertThat(f.retryAfter()).isEqualTo(Duration.ofMillis(1250));
    }

    @Test
    void retryAfterSeconds() {
        assertThat(ResponseClassifier.parseRetryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ResponseClassifier.parseRetryAfter(" 2 ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ResponseClassifier.parseRetryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(ResponseClassifier.parseRetryAfter("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterHttpDate() {
        String header = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));

        Duration wait = ResponseClassifier.parseRetryAfter(header);

        assertThat(wait).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(31));
    }

    @Test
    void retryAfterHttpDateInThePastIsZero() {
        String header = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5));

        assertThat(ResponseClassifier.parseRetryAfter(header)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"soon", "", "  ", "-1", "2 seconds", "Tue, 99 Foo 2025 00:00:00 GMT"})
    void unreadableRetryAfterIsNull(String header) {
        assertThat(ResponseClassifier.parseRetryAfter(header)).isNull();
    }

    @Test
    void missingRetryAfterIsNull() {
        assertThat(ResponseClassifier.parseRetryAfter(null)).isNull();
    }

    // ------------------------------------------------------------------ FailureReason flags

    @Test
    void transientReasonsAreRetryable() {
        EnumSet<FailureReason> retryable = EnumSet.of(FailureReason.RATE_LIMITED, FailureReason.SERVER_ERROR,
                FailureReason.TIMEOUT, FailureReason.CONNECTION, FailureReason.BAD_RESPONSE);
        for (FailureReason reason : FailureReason.values()) {
            assertThat(reason.retryable()).as("%s.retryable()", reason).isEqualTo(retryable.contains(reason));
        }
    }

    @Test
    void authNotFoundAndSeedAreFatalForTheTarget() {
        EnumSet<FailureReason> fatal = EnumSet.of(FailureReason.AUTH, FailureReason.NOT_FOUND,
                FailureReason.SEED_UNSUPPORTED);
        for (FailureReason reason : FailureReason.values()) {
            assertThat(reason.fatalForTarget()).as("%s.fatalForTarget()", reason).isEqualTo(fatal.contains(reason));
            assertThat(reason.retryable() && reason.fatalForTarget()).isFalse();
        }
    }

    @Test
    void labelsAreTheContractsReasonLabels() {
        assertThat(EnumSet.allOf(FailureReason.class)).extracting(FailureReason::label).containsExactlyInAnyOrder(
                "rate_limited", "server_error", "timeout", "connection", "bad_response", "content_filter", "auth",
                "not_found", "seed_unsupported", "client_error", "cancelled");
    }
}
