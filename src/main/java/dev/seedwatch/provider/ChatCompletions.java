package dev.seedwatch.provider;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
 * OpenAI's Chat Completions, as OpenAI, Azure OpenAI and the OpenAI-compatible servers (vLLM, Ollama, llama.cpp,
 * LiteLLM) speak it. Azure differs only in its path ({@code api-version} query) and in that the deployment, not the
 * body, names the model.
 */
public final class ChatCompletions implements Provider {

    private static final Set<String> BODY_FIELDS = Set.of("model", "messages", "seed", "temperature", "top_p",
            "max_tokens", "max_completion_tokens");

    /** {@code POST {base-url}/chat/completions} with a bearer key. */
    public static final TargetType OPENAI = new TargetType("openai", new TargetType.Key("Authorization", "Bearer "),
            Map.of(), Optional.empty(), Set.of(Feature.SEED, Feature.LOGPROBS), BODY_FIELDS);
    /** {@code POST {base-url}/chat/completions?api-version=…} with an {@code api-key} header. */
    public static final TargetType AZURE = new TargetType("azure", new TargetType.Key("api-key", ""), Map.of(),
            Optional.empty(), Set.of(Feature.SEED, Feature.LOGPROBS, Feature.API_VERSION), BODY_FIELDS);

    private final TargetType type;
    private final boolean azure;

    private ChatCompletions(TargetType type) {
        this.type = type;
        this.azure = type.requiresApiVersion();
    }

    static ChatCompletions openAi() {
        return new ChatCompletions(OPENAI);
    }

    static ChatCompletions azure() {
        return new ChatCompletions(AZURE);
    }

    @Override
    public TargetType type() {
        return type;
    }

    @Override
    public ObjectNode body(Target target, Prompt prompt) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (!azure) {
            body.put("model", target.model());
        }
        ArrayNode messages = body.putArray("messages");
        for (Message m : prompt.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        RequestSettings s = prompt.settings();
        if (s.seed() != null) {
            body.put("seed", s.seed());
        }
        if (s.temperature() != null) {
            body.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            body.put("top_p", s.topP());
        }
        if (s.maxTokens() != null) {
            body.put("max_tokens", s.maxTokens());
        }
        if (s.maxCompletionTokens() != null) {
            body.put("max_completion_tokens", s.maxCompletionTokens());
        }
        Integer topLogprobs = Probe.topLogprobs(target, prompt);
        if (topLogprobs != null) {
            body.put("logprobs", true);
            body.put("top_logprobs", topLogprobs);
        }
        for (Map.Entry<String, JsonNode> param : s.params().entrySet()) {
            body.set(param.getKey(), param.getValue());
        }
        return body;
    }

    @Override
    public String path(Target target) {
        return azure ? "chat/completions?api-version=" + target.apiVersion() : "chat/completions";
    }

    @Override
    public Completion completion(JsonNode root) {
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw AttemptFailure.badResponse("response has no choices");
        }
        JsonNode choice = choices.get(0);
        String finishReason = Json.textOrNull(choice.get("finish_reason"));
        if ("content_filter".equals(finishReason)) {
            throw new AttemptFailure(FailureReason.CONTENT_FILTER, 200, null,
                    "finish_reason content_filter: the provider withheld the reply");
        }
        JsonNode content = choice.path("message").get("content");
        if (content == null || !content.isTextual()) {
            throw AttemptFailure.badResponse("response has no message content");
        }
        Fingerprint fingerprint;
        if (!root.has("system_fingerprint")) {
            fingerprint = Fingerprint.MISSING;
        } else if (root.get("system_fingerprint").isNull()) {
            fingerprint = Fingerprint.NULL;
        } else {
            fingerprint = Fingerprint.of(root.get("system_fingerprint").asText());
        }
        JsonNode usage = root.path("usage");
        return new Completion(content.asText(), finishReason, fingerprint, Json.textOrNull(root.get("model")),
                TokenCounts.read(usage.get("prompt_tokens"), "prompt_tokens"),
                TokenCounts.read(usage.get("completion_tokens"), "completion_tokens"),
                tokens(choice.path("logprobs").path("content")));
    }

    /** {@code choices[0].logprobs.content[]}: {token, logprob, top_logprobs[{token, logprob}]}; null if absent. */
    private static List<TokenLogprob> tokens(JsonNode content) {
        return content.isArray() ? TokenLogprob.openAi(content) : null;
    }

    /** A 400 that names {@code seed} (a gateway or model rejecting it): no other request to the target can succeed. */
    @Override
    public FailureReason errorReason(int status, JsonNode error) {
        if (status != 400) {
            return null;
        }
        JsonNode detail = error.path("error");
        boolean seed = "seed".equals(detail.path("param").asText())
                || mentionsSeed(detail.path("message").asText())
                || !error.isObject() && mentionsSeed(error.asText());
        return seed ? FailureReason.SEED_UNSUPPORTED : null;
    }

    private static boolean mentionsSeed(String text) {
        return text.toLowerCase(Locale.ROOT).matches("(?s).*\\bseed\\b.*");
    }

    @Override
    public RateLimits rateLimits(Function<String, String> header, Instant now) {
        return OpenAiRateHeaders.read(header, now);
    }
}
