package dev.seedwatch.provider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.suite.Message;
import dev.seedwatch.suite.Probe;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.RequestSettings;
import dev.seedwatch.suite.Target;
import dev.seedwatch.suite.TargetType;
import dev.seedwatch.suite.TargetType.Feature;
import dev.seedwatch.support.Json;

/**
 * OpenAI's Responses API ({@code POST /responses}). It takes no seed and returns no fingerprint; the reply is the
 * {@code output_text} of its message items, reasoning items skipped. {@code store: false} keeps replays out of the
 * account's stored responses unless a suite asks otherwise.
 */
public final class OpenAiResponses implements Provider {

    /** {@code POST {base-url}/responses}: no seed. */
    public static final TargetType TYPE = new TargetType("openai-responses",
            new TargetType.Key("Authorization", "Bearer "), Map.of(), Optional.empty(), Set.of(Feature.LOGPROBS),
            Set.of("model", "input", "temperature", "top_p", "max_output_tokens"));

    @Override
    public TargetType type() {
        return TYPE;
    }

    @Override
    public ObjectNode body(Target target, Prompt prompt) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", target.model());
        ArrayNode input = body.putArray("input");
        for (Message m : prompt.messages()) {
            input.addObject().put("role", m.role()).put("content", m.content());
        }
        RequestSettings s = prompt.settings();
        if (s.temperature() != null) {
            body.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            body.put("top_p", s.topP());
        }
        Integer limit = Bodies.tokenLimit(s);
        if (limit != null) {
            body.put("max_output_tokens", limit);
        }
        Integer topLogprobs = Probe.topLogprobs(target, prompt);
        if (topLogprobs != null) {
            body.putArray("include").add("message.output_text.logprobs");
            body.put("top_logprobs", topLogprobs);
        }
        body.put("store", false);
        Bodies.merge(body, s.params());
        return body;
    }

    @Override
    public String path(Target target) {
        return "responses";
    }

    @Override
    public Completion completion(JsonNode root) {
        String status = Json.textOrNull(root.get("status"));
        String incomplete = Json.textOrNull(root.path("incomplete_details").get("reason"));
        if ("content_filter".equals(incomplete)) {
            throw new AttemptFailure(FailureReason.CONTENT_FILTER, 200, null,
                    "incomplete_details.reason content_filter: the provider withheld the reply");
        }
        if ("failed".equals(status)) {
            throw AttemptFailure.badResponse("response status failed: "
                    + root.path("error").path("message").asText("(no message)"));
        }
        JsonNode output = root.path("output");
        if (!output.isArray()) {
            throw AttemptFailure.badResponse("response has no output");
        }
        StringBuilder text = new StringBuilder();
        List<TokenLogprob> tokens = new ArrayList<>();
        boolean tokenData = false;
        boolean message = false;
        for (JsonNode item : output) {
            if (!"message".equals(item.path("type").asText())) {
                continue;
            }
            message = true;
            for (JsonNode part : item.path("content")) {
                String type = part.path("type").asText();
                if ("refusal".equals(type)) {
                    throw new AttemptFailure(FailureReason.CONTENT_FILTER, 200, null,
                            "the model refused: " + part.path("refusal").asText());
                }
                if ("output_text".equals(type) && part.path("text").isTextual()) {
                    text.append(part.path("text").asText());
                    if (part.path("logprobs").isArray() && !part.path("logprobs").isEmpty()) {
                        tokenData = true;
                        tokens.addAll(TokenLogprob.openAi(part.path("logprobs")));
                    }
                }
            }
        }
        if (!message) {
            throw AttemptFailure.badResponse("response has no message item");
        }
        JsonNode usage = root.path("usage");
        // an incomplete answer keeps its text; its reason (max_output_tokens) says why it stopped
        String finishReason = incomplete != null ? incomplete : status;
        return new Completion(text.toString(), finishReason, Fingerprint.MISSING, Json.textOrNull(root.get("model")),
                TokenCounts.read(usage.get("input_tokens"), "input_tokens"),
                TokenCounts.read(usage.get("output_tokens"), "output_tokens"),
                tokenData ? tokens : null);
    }

    @Override
    public RateLimits rateLimits(Function<String, String> header, Instant now) {
        return OpenAiRateHeaders.read(header, now);
    }
}
