package dev.seedwatch.replay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.vertx.core.Vertx;

import dev.seedwatch.provider.Anthropic;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.provider.Gemini;
import dev.seedwatch.provider.OpenAiResponses;
import dev.seedwatch.suite.Message;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.Target;
import dev.seedwatch.suite.TargetType;
import dev.seedwatch.support.Redactor;
import dev.seedwatch.support.RetryPolicy;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.FakeOpenAi;

/**
 * The three non-chat target types against WireMock answering with the shared fixtures: the exact request each sends,
 * what is read from each answer, and how each error shape is classified.
 */
class ProviderTypesTest {

    static final String KEY = "sk-ant-canary0123456789abcdefghij";
    static final String TEXT = "Mission control confirmed the crew entered Mars orbit on schedule.";
    /** Retries 10–50 ms apart unless the provider names a wait, which is capped at 2 s. */
    static final ReplaySettings FAST = new ReplaySettings(4,
            new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)),
            Duration.ofSeconds(5), Duration.ofSeconds(1), 8 << 20);

    static Vertx vertx;
    static FakeOpenAi fake;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        fake = new FakeOpenAi();
    }

    @AfterAll
    static void stop() {
        fake.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    /** A system message, a user-assistant-user exchange, every setting set. */
    static Prompt conversation(int replays) {
        return Build.prompt("p").messages(new Message("system", "Be brief."), new Message("user", "Hi"),
                new Message("assistant", "Hello."), new Message("user", "News from Mars?")).topP(1.0).maxTokens(200)
                .replays(replays).build();
    }

    /** One request at a time, so that a fatal answer is seen before the next replay is sent. */
    static Target target(TargetType type, String model, String basePath) {
        return Build.target("t").type(type).model(model).baseUrl("http://127.0.0.1:" + fake.port() + basePath)
                .concurrency(1).typedKey("KEY", KEY).build();
    }

    static List<ReplayOutcome> replay(Target target, Prompt prompt) {
        return new Replayer(vertx, FAST, new Redactor(List.of(KEY)), new RunControl())
                .replay(List.of(PlannedRequest.of(target, prompt)));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The answers in order, then the last one for good. */
    static void answer(String path, ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "s" + i;
            fake.server().stubFor(post(urlPathEqualTo(path)).inScenario("seq").whenScenarioStateIs(state)
                    .willSetStateTo(i + 1 < answers.length ? "s" + (i + 1) : state).willReturn(answers[i]));
        }
    }

    static List<LoggedRequest> sent(String path) {
        return fake.server().findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    static String truncated(String fixture) {
        String body = FakeOpenAi.fixtureText(fixture);
        return body.substring(0, body.length() / 2);
    }

    /** Milliseconds between the first two requests: the wait before the retry. */
    static long firstRetryWait(String path) {
        List<Long> times = sent(path).stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
        return times.get(1) - times.get(0);
    }

    @Nested
    class Responses {
        static final String PATH = "/v1/responses";

        Target target() {
            return ProviderTypesTest.target(OpenAiResponses.TYPE, "gpt-4.1-mini", "/v1");
        }

        @Test
        void sendsInputAndMaxOutputTokensWithStoreFalseAndNoSeed() {
            answer(PATH, json(200, FakeOpenAi.fixtureText("openai-responses.json")));

            ReplayOutcome o = replay(target(), conversation(1)).get(0);

            LoggedRequest request = sent(PATH).get(0);
            assertThat(request.getBodyAsString()).isEqualTo("{\"model\":\"gpt-4.1-mini\",\"input\":["
                    + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":\"News from Mars?\"}],"
                    + "\"temperature\":0.0,\"top_p\":1.0,\"max_output_tokens\":200,\"store\":false}");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(o.text()).isEqualTo(TEXT);
            assertThat(o.servedModel()).isEqualTo("gpt-4.1-mini-2025-04-14");
            assertThat(o.fingerprint().label()).isEqualTo(Fingerprint.NONE);
            assertThat(o.finishReason()).isEqualTo("completed");
            assertThat(o.promptTokens()).isEqualTo(29);
            assertThat(o.completionTokens()).isEqualTo(14);
        }

        @Test
        void paramsMayStoreTheResponse() {
            answer(PATH, json(200, FakeOpenAi.fixtureText("openai-responses.json")));

            replay(target(), Build.prompt("p").params(Map.of("store", BooleanNode.TRUE)).build());

            assertThat(sent(PATH).get(0).getBodyAsString()).isEqualTo("{\"model\":\"gpt-4.1-mini\",\"input\":"
                    + "[{\"role\":\"user\",\"content\":\"p\"}],\"temperature\":0.0,\"max_output_tokens\":50,"
                    + "\"store\":true}");
        }

        @Test
        void anIncompleteReasoningAnswerKeepsItsTextAndReason() {
            answer(PATH, json(200, FakeOpenAi.fixtureText("openai-responses-reasoning-incomplete.json")));

            ReplayOutcome o = replay(target(), conversation(1)).get(0);

            assertThat(o.succeeded()).isTrue();
            assertThat(o.text()).isEqualTo("The crew of the first crewed mission to Mars");
            assertThat(o.finishReason()).isEqualTo("max_output_tokens");
            assertThat(o.completionTokens()).as("reasoning tokens included").isEqualTo(64);
            assertThat(o.servedModel()).isEqualTo("o4-mini-2025-04-16");
        }

        @Test
        void aWrongKeyStopsTheTarget() {
            answer(PATH, json(401, FakeOpenAi.fixtureText("error-401.json")));

            assertThat(replay(target(), conversation(3))).extracting(ReplayOutcome::failure)
                    .containsOnly(FailureReason.AUTH);
            assertThat(sent(PATH)).hasSize(1);
        }

        @Test
        void aRateLimitIsRetriedAfterRetryAfter() {
            answer(PATH, json(429, FakeOpenAi.fixtureText("error-429.json")).withHeader("retry-after", "1"),
                    json(200, FakeOpenAi.fixtureText("openai-responses.json")));

            ReplayOutcome o = replay(target(), conversation(1)).get(0);

            assertThat(o.succeeded()).isTrue();
            assertThat(o.attempts()).isEqualTo(2);
            assertThat(firstRetryWait(PATH)).isGreaterThanOrEqualTo(950);
        }

        @Test
        void truncatedJsonIsABadResponse() {
            answer(PATH, json(200, truncated("openai-responses.json")));

            ReplayOutcome o = replay(target(), conversation(1)).get(0);

            assertThat(o.failure()).isEqualTo(FailureReason.BAD_RESPONSE);
            assertThat(o.attempts()).as("retried").isEqualTo(3);
        }
    }

    @Nested
    class AnthropicMessages {
        static final String PATH = "/v1/messages";

        Target target() {
            return ProviderTypesTest.target(Anthropic.TYPE, "claude-sonnet-4-5", "/v1");
        }

        @Test
        void sendsSystemOnTopWithMaxTokensAndItsHeadersButNoSeed() {
            answer(PATH, json(200, FakeOpenAi.fixtureText("anthropic-message.json")));

            ReplayOutcome o = replay(target(), conversation(1)).get(0);

            LoggedRequest request = sent(PATH).get(0);
            assertThat(request.getBodyAsString()).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":200,"
                    + "\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":\"News from Mars?\"}],"
                    + "\"temperature\":0.0,\"top_p\":1.0}");
            assertThat(request.getHeader("x-api-key")).isEqualTo(KEY);
            assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(request.containsHeader("Authorization")).isFalse();
            assertThat(o.text()).isEqualTo(TEXT);
            assertThat(o.servedModel()).isEqualTo("claude-sonnet-4-5-20250929");
            assertThat(o.fingerprint().label()).isEqualTo(Fingerprint.NONE);
            assertThat(o.finishReason()).isEqualTo("end_turn");
            assertThat(o.promptTokens()).isEqualTo(21);
            assertThat(o.completionTokens()).isEqualTo(14);
        }

        @Test
        void overloaded529IsAServerErrorAndRetried() {
            answer(PATH, json(529, FakeOpenAi.fixtureText("anthropic-error-529.json")),
                    json(200, FakeOpenAi.fixtureText("anthropic-message.json")));

            ReplayOutcome o = replay(target(), conversation(1)).get(0);

            assertThat(o.succeeded()).isTrue();
            assertThat(o.attempts()).isEqualTo(2);

            fake.reset();
            answer(PATH, json(529, FakeOpenAi.fixtureText("anthropic-error-529.json")));
            ReplayOutcome failed = replay(target(), conversation(1)).get(0);
            assertThat(failed.failure()).isEqualTo(FailureReason.SERVER_ERROR);
            assertThat(failed.httpStatus()).isEqualTo(529);
            assertThat(failed.error()).contains("Overloaded");
        }

        @Test
        void aRateLimitIsRetriedAfterRetryAfter() {
            answer(PATH, json(429, FakeOpenAi.fixtureText("anthropic-error-429.json")).withHeader("retry-after", "1")
                    .withHeader("anthropic-ratelimit-requests-remaining", "0")
                    .withHeader("anthropic-ratelimit-requests-reset", "2026-12-02T04:00:01Z"),
                    json(200, FakeOpenAi.fixtureText("anthropic-message.json")));

            ReplayOutcome o = replay(target(), conversation(1)).get(0);

            assertThat(o.succeeded()).isTrue();
            assertThat(firstRetryWait(PATH)).isGreaterThanOrEqualTo(950);

            fake.reset();
            answer(PATH, json(429, FakeOpenAi.fixtureText("anthropic-error-429.json")));
            assertThat(replay(target(), conversation(1)).get(0).failure()).isEqualTo(FailureReason.RATE_LIMITED);
        }

        @Test
        void aWrongKeyStopsTheTarget() {
            answer(PATH, json(401, FakeOpenAi.fixtureText("anthropic-error-401.json")));

            List<ReplayOutcome> outcomes = replay(target(), conversation(3));

            assertThat(outcomes).extracting(ReplayOutcome::failure).containsOnly(FailureReason.AUTH);
            assertThat(outcomes.get(0).error()).contains("invalid x-api-key");
            assertThat(sent(PATH)).hasSize(1);
        }

        @Test
        void aRefusalIsAContentFilter() {
            ObjectNode refusal = FakeOpenAi.fixture("anthropic-message.json").deepCopy();
            refusal.put("stop_reason", "refusal");
            answer(PATH, json(200, refusal.toString()));

            ReplayOutcome o = replay(target(), conversation(2)).get(0);

            assertThat(o.failure()).isEqualTo(FailureReason.CONTENT_FILTER);
            assertThat(sent(PATH)).as("not retried").hasSize(2);
        }

        @Test
        void truncatedJsonIsABadResponse() {
            answer(PATH, json(200, truncated("anthropic-message.json")));

            assertThat(replay(target(), conversation(1)).get(0).failure()).isEqualTo(FailureReason.BAD_RESPONSE);
        }
    }

    @Nested
    class GeminiGenerateContent {
        static final String PATH = "/v1beta/models/gemini-2.5-flash:generateContent";

        Target target() {
            return ProviderTypesTest.target(Gemini.TYPE, "gemini-2.5-flash", "/v1beta");
        }

        @Test
        void sendsSystemInstructionModelTurnsAndGenerationConfigWithTheSeed() {
            answer(PATH, json(200, FakeOpenAi.fixtureText("gemini-generate-content.json")));

            ReplayOutcome o = replay(target(), conversation(1)).get(0);

            LoggedRequest request = sent(PATH).get(0);
            assertThat(request.getBodyAsString()).isEqualTo("{\"contents\":["
                    + "{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"Hello.\"}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"text\":\"News from Mars?\"}]}],"
                    + "\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
                    + "\"generationConfig\":{\"seed\":123,\"temperature\":0.0,\"topP\":1.0,\"maxOutputTokens\":200}}");
            assertThat(request.getHeader("x-goog-api-key")).isEqualTo(KEY);
            assertThat(request.containsHeader("Authorization")).isFalse();
            assertThat(o.text()).isEqualTo(TEXT);
            assertThat(o.servedModel()).isEqualTo("gemini-2.5-flash");
            assertThat(o.fingerprint().label()).isEqualTo(Fingerprint.NONE);
            assertThat(o.finishReason()).isEqualTo("STOP");
            assertThat(o.promptTokens()).isEqualTo(21);
            assertThat(o.completionTokens()).as("candidates plus thoughts").isEqualTo(14 + 26);
        }

        @Test
        void paramsMergeIntoGenerationConfigKeyByKey() {
            answer(PATH, json(200, FakeOpenAi.fixtureText("gemini-generate-content.json")));
            ObjectNode config = JsonNodeFactory.instance.objectNode().put("topK", 1);
            Prompt prompt = Build.prompt("p").params(Map.of("generationConfig", config)).build();

            replay(target(), prompt);

            assertThat(sent(PATH).get(0).getBodyAsString()).endsWith(
                    "\"generationConfig\":{\"seed\":123,\"temperature\":0.0,\"maxOutputTokens\":50,\"topK\":1}}");
        }

        @Test
        void aSafetyBlockIsAContentFilterAndNotRetried() {
            answer(PATH, json(200, FakeOpenAi.fixtureText("gemini-blocked.json")));

            List<ReplayOutcome> outcomes = replay(target(), conversation(2));

            assertThat(outcomes).extracting(ReplayOutcome::failure).containsOnly(FailureReason.CONTENT_FILTER);
            assertThat(sent(PATH)).hasSize(2);
        }

        @Test
        void resourceExhaustedWaitsItsRetryDelay() {
            answer(PATH, json(429, FakeOpenAi.fixtureText("gemini-error-429.json")),
                    json(200, FakeOpenAi.fixtureText("gemini-generate-content.json")));

            ReplayOutcome o = replay(target(), conversation(1)).get(0);

            assertThat(o.succeeded()).isTrue();
            assertThat(o.attempts()).isEqualTo(2);
            // RetryInfo says 17s, capped by retry.max-retry-after (2 s here); jitter alone would wait ≤ 50 ms
            assertThat(firstRetryWait(PATH)).isGreaterThanOrEqualTo(1950);
        }

        @Test
        void anInvalidKeyIsAuthAndStopsTheTarget() {
            answer(PATH, json(400, """
                    {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                      "status": "INVALID_ARGUMENT", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                      "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]}}"""));

            assertThat(replay(target(), conversation(3))).extracting(ReplayOutcome::failure)
                    .containsOnly(FailureReason.AUTH);
            assertThat(sent(PATH)).hasSize(1);
        }

        @Test
        void truncatedJsonIsABadResponse() {
            answer(PATH, json(200, truncated("gemini-generate-content.json")));

            assertThat(replay(target(), conversation(1)).get(0).failure()).isEqualTo(FailureReason.BAD_RESPONSE);
        }
    }
}
