package dev.seedwatch.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.seedwatch.support.Json;

/**
 * WireMock acting as an OpenAI-compatible (or Azure) chat endpoint on 127.0.0.1. Replies are shaped like the
 * real ones (built from the fixtures) and chosen per prompt by the content of the last message.
 */
public final class FakeOpenAi implements AutoCloseable {

    public static final String MISSING = "\u0000missing";

    private final WireMockServer server;

    public FakeOpenAi(Extension... extensions) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(64)
                .extensions(extensions));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    public int port() {
        return server.port();
    }

    public WireMockServer server() {
        return server;
    }

    public void reset() {
        server.resetAll();
    }

    /**
     * One reply: the fingerprint may be null (sent as JSON null) or {@link #MISSING} (key left out); with
     * {@code logprobs} it carries token log probabilities as chat completions send them (one token per word, each
     * with two alternatives 0.85 apart).
     */
    public record Reply(String text, String fingerprint, String servedModel, boolean logprobs) {
        public Reply(String text, String fingerprint, String servedModel) {
            this(text, fingerprint, servedModel, false);
        }
    }

    /**
     * Answers requests whose last message has {@code content} with the replies in turn (cycling), so a prompt
     * replayed serially gets a known sequence.
     */
    public void reply(String content, Reply... replies) {
        replyBodies(content, Arrays.stream(replies).map(FakeOpenAi::body).toList());
    }

    /** Answers requests whose last message has {@code content} with these response bodies in turn (cycling). */
    public void replyBodies(String content, List<String> bodies) {
        String scenario = "prompt-" + content.hashCode();
        for (int i = 0; i < bodies.size(); i++) {
            MappingBuilder stub = chat(content).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(bodies.get(i)));
            if (bodies.size() > 1) {
                stub = stub.inScenario(scenario)
                        .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
                        .willSetStateTo(i + 1 == bodies.size() ? Scenario.STARTED : "s" + (i + 1));
            }
            server.stubFor(stub);
        }
    }

    public MappingBuilder chat(String content) {
        return post(urlPathMatching(".*/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[-1:].content", WireMock.equalTo(content)));
    }

    public List<LoggedRequest> requests(String content) {
        return server.findAll(postRequestedFor(urlPathMatching(".*/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[-1:].content", WireMock.equalTo(content))));
    }

    public List<LoggedRequest> allRequests() {
        return server.findAll(postRequestedFor(urlPathMatching(".*")));
    }

    public static String body(Reply reply) {
        ObjectNode body = (ObjectNode) fixture("openai-chat.json");
        ((ObjectNode) body.withArray("choices").get(0).get("message")).put("content", reply.text());
        body.put("model", reply.servedModel());
        if (MISSING.equals(reply.fingerprint())) {
            body.remove("system_fingerprint");
        } else if (reply.fingerprint() == null) {
            body.putNull("system_fingerprint");
        } else {
            body.put("system_fingerprint", reply.fingerprint());
        }
        if (reply.logprobs()) {
            ArrayNode content = ((ObjectNode) body.withArray("choices").get(0)).putObject("logprobs")
                    .putArray("content");
            Matcher words = Pattern.compile("\\S+\\s*|\\s+").matcher(reply.text());
            while (words.find()) {
                ObjectNode token = content.addObject().put("token", words.group()).put("logprob", -0.05);
                token.putArray("top_logprobs").add(token.objectNode().put("token", words.group()).put("logprob", -0.05))
                        .add(token.objectNode().put("token", "?").put("logprob", -0.9));
            }
        }
        return body.toString();
    }

    /**
     * A reply of one token, {@code top}'s first key, with {@code top} as its top log probabilities: what a
     * {@code probe: logprobs} request gets.
     */
    public static String firstTokenBody(Map<String, Double> top) {
        String token = top.keySet().iterator().next();
        ObjectNode body = (ObjectNode) fixture("openai-chat.json");
        ((ObjectNode) body.withArray("choices").get(0).get("message")).put("content", token);
        ObjectNode first = ((ObjectNode) body.withArray("choices").get(0)).putObject("logprobs").putArray("content")
                .addObject().put("token", token).put("logprob", top.get(token));
        ArrayNode alternatives = first.putArray("top_logprobs");
        top.forEach((t, logprob) -> alternatives.addObject().put("token", t).put("logprob", logprob));
        return body.toString();
    }

    public static JsonNode fixture(String name) {
        try (InputStream in = FakeOpenAi.class.getResourceAsStream("/fixtures/" + name)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String fixtureText(String name) {
        try (InputStream in = FakeOpenAi.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
