package dev.seedwatch.provider;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.suite.Message;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.RequestSettings;
import dev.seedwatch.suite.Target;
import dev.seedwatch.suite.TargetType;
import dev.seedwatch.suite.TargetType.Feature;
import dev.seedwatch.support.Json;

/**
 * Anthropic's Messages API ({@code POST /messages}). System messages go to the top-level {@code system}; there is no
 * seed and no fingerprint, and {@code model} in the answer is the dated snapshot that served it. 529 (overloaded) is
 * a server error to retry; {@code stop_reason: refusal} is a content filter.
 */
public final class Anthropic implements Provider {

    /** {@code POST {base-url}/messages}: no seed, no log probabilities, and the token limit is mandatory. */
    public static final TargetType TYPE = new TargetType("anthropic", new TargetType.Key("x-api-key", ""),
            Map.of("anthropic-version", "2023-06-01"), Optional.of(URI.create("https://api.anthropic.com/v1")),
            Set.of(Feature.REQUIRED_MAX_TOKENS), Set.of("model", "messages", "system", "temperature", "top_p",
                    "max_tokens"));

    @Override
    public TargetType type() {
        return TYPE;
    }

    @Override
    public ObjectNode body(Target target, Prompt prompt) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", target.model());
        RequestSettings s = prompt.settings();
        Integer limit = Bodies.tokenLimit(s);
        if (limit != null) {
            body.put("max_tokens", limit);
        }
        List<String> system = new ArrayList<>();
        for (Message m : prompt.messages()) {
            if (m.role().equals("system")) {
                system.add(m.content());
            }
        }
        if (!system.isEmpty()) {
            body.put("system", String.join("\n\n", system));
        }
        ArrayNode messages = body.putArray("messages");
        for (Message m : prompt.messages()) {
            if (!m.role().equals("system")) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
        }
        if (s.temperature() != null) {
            body.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            body.put("top_p", s.topP());
        }
        Bodies.merge(body, s.params());
        return body;
    }

    @Override
    public String path(Target target) {
        return "messages";
    }

    @Override
    public Completion completion(JsonNode root) {
        String stopReason = Json.textOrNull(root.get("stop_reason"));
        if ("refusal".equals(stopReason)) {
            throw new AttemptFailure(FailureReason.CONTENT_FILTER, 200, null,
                    "stop_reason refusal: the model declined to answer");
        }
        JsonNode content = root.path("content");
        if (!content.isArray()) {
            throw AttemptFailure.badResponse("response has no content");
        }
        // thinking blocks are not the reply; their tokens are in output_tokens
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                text.append(block.path("text").asText());
            }
        }
        JsonNode usage = root.path("usage");
        Long input = TokenCounts.read(usage.get("input_tokens"), "input_tokens");
        // cached prompt tokens are reported apart from input_tokens; they are prompt tokens all the same
        if (input != null) {
            input += TokenCounts.readOrZero(usage.get("cache_creation_input_tokens"), "cache_creation_input_tokens")
                    + TokenCounts.readOrZero(usage.get("cache_read_input_tokens"), "cache_read_input_tokens");
        }
        return new Completion(text.toString(), stopReason, Fingerprint.MISSING, Json.textOrNull(root.get("model")),
                input, TokenCounts.read(usage.get("output_tokens"), "output_tokens"));
    }

    @Override
    public FailureReason errorReason(int status, JsonNode error) {
        boolean overloaded = status == 529 || "overloaded_error".equals(error.path("error").path("type").asText());
        return overloaded ? FailureReason.SERVER_ERROR : null;
    }

    /** {@code anthropic-ratelimit-requests|tokens-limit|remaining|reset}, the reset an RFC 3339 time. */
    @Override
    public RateLimits rateLimits(Function<String, String> header, Instant now) {
        return new RateLimits(bucket(header, "requests"), bucket(header, "tokens"), OptionalDouble.empty());
    }

    private static RateLimits.Bucket bucket(Function<String, String> header, String kind) {
        String prefix = "anthropic-ratelimit-" + kind + "-";
        return RateLimits.Bucket.of(header.apply(prefix + "limit"), header.apply(prefix + "remaining"),
                time(header.apply(prefix + "reset")));
    }

    private static Optional<Instant> time(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
