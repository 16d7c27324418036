package dev.seedwatch.provider;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Gemini's native API ({@code POST /models/{model}:generateContent}). System messages become
 * {@code systemInstruction}, assistant turns role {@code model}, sampling settings {@code generationConfig}; the
 * served model is {@code modelVersion}, and there is no fingerprint. A quota error names its wait in
 * {@code RetryInfo.retryDelay} and the quota in {@code QuotaFailure}; a safety block is a candidate without content.
 */
public final class Gemini implements Provider {

    /**
     * {@code POST {base-url}/models/{model}:generateContent}: the seed in {@code generationConfig}, which a suite's
     * params add to key by key.
     */
    public static final TargetType TYPE = new TargetType("gemini", new TargetType.Key("x-goog-api-key", ""), Map.of(),
            Optional.of(URI.create("https://generativelanguage.googleapis.com/v1beta")),
            Set.of(Feature.SEED, Feature.LOGPROBS), Set.of("contents", "systemInstruction"));

    @Override
    public TargetType type() {
        return TYPE;
    }

    /** Finish reasons of a reply withheld for its content. */
    private static final Set<String> BLOCKED = Set.of("SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII",
            "RECITATION", "IMAGE_SAFETY");
    private static final Pattern DELAY = Pattern.compile("(\\d+(?:\\.\\d+)?)s");

    @Override
    public ObjectNode body(Target target, Prompt prompt) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode contents = body.putArray("contents");
        ArrayNode system = null;
        for (Message m : prompt.messages()) {
            if (m.role().equals("system")) {
                if (system == null) {
                    system = body.putObject("systemInstruction").putArray("parts");
                }
                system.addObject().put("text", m.content());
            } else {
                ObjectNode turn = contents.addObject().put("role", m.role().equals("assistant") ? "model" : "user");
                turn.putArray("parts").addObject().put("text", m.content());
            }
        }
        RequestSettings s = prompt.settings();
        ObjectNode config = Json.MAPPER.createObjectNode();
        if (s.seed() != null) {
            config.put("seed", s.seed());
        }
        if (s.temperature() != null) {
            config.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            config.put("topP", s.topP());
        }
        Integer limit = Bodies.tokenLimit(s);
        if (limit != null) {
            config.put("maxOutputTokens", limit);
        }
        Integer topLogprobs = Probe.topLogprobs(target, prompt);
        if (topLogprobs != null) {
            config.put("responseLogprobs", true);
            config.put("logprobs", topLogprobs);
        }
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        Bodies.merge(body, s.params());
        return body;
    }

    /** The model in the path; a suite may name it as Google's resource name ({@code models/gemini-2.5-flash}). */
    @Override
    public String path(Target target) {
        String model = target.model().startsWith("models/") ? target.model().substring(7) : target.model();
        return "models/" + model + ":generateContent";
    }

    @Override
    public Completion completion(JsonNode root) {
        String blockReason = Json.textOrNull(root.path("promptFeedback").get("blockReason"));
        if (blockReason != null) {
            throw new AttemptFailure(FailureReason.CONTENT_FILTER, 200, null,
                    "promptFeedback.blockReason " + blockReason + ": the provider refused the prompt");
        }
        JsonNode candidates = root.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) {
            throw AttemptFailure.badResponse("response has no candidates");
        }
        JsonNode candidate = candidates.get(0);
        String finishReason = Json.textOrNull(candidate.get("finishReason"));
        if (finishReason != null && BLOCKED.contains(finishReason)) {
            throw new AttemptFailure(FailureReason.CONTENT_FILTER, 200, null,
                    "finishReason " + finishReason + ": the provider withheld the reply");
        }
        JsonNode parts = candidate.path("content").path("parts");
        if (!parts.isArray()) {
            throw AttemptFailure.badResponse("candidate has no content");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            // thought summaries are not the reply
            if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText());
            }
        }
        JsonNode usage = root.path("usageMetadata");
        Long candidatesTokens = TokenCounts.read(usage.get("candidatesTokenCount"), "candidatesTokenCount");
        Long thoughts = TokenCounts.read(usage.get("thoughtsTokenCount"), "thoughtsTokenCount");
        Long completion = candidatesTokens == null && thoughts == null ? null
                : (candidatesTokens == null ? 0 : candidatesTokens) + (thoughts == null ? 0 : thoughts);
        return new Completion(text.toString(), finishReason, Fingerprint.MISSING,
                Json.textOrNull(root.get("modelVersion")), TokenCounts.read(usage.get("promptTokenCount"), "promptTokenCount"), completion,
                tokens(candidate.path("logprobsResult")));
    }

    /**
     * {@code logprobsResult}: {@code chosenCandidates[i]} {token, logProbability} and, at the same position,
     * {@code topCandidates[i].candidates[]} the alternatives; null when the answer has none.
     */
    private static List<TokenLogprob> tokens(JsonNode result) {
        JsonNode chosen = result.path("chosenCandidates");
        if (!chosen.isArray() || chosen.isEmpty()) {
            return null;
        }
        JsonNode alternatives = result.path("topCandidates");
        List<TokenLogprob> tokens = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            List<Double> top = new ArrayList<>();
            Map<String, Double> byToken = new LinkedHashMap<>();
            alternatives.path(i).path("candidates").forEach(alt -> {
                top.add(alt.path("logProbability").asDouble());
                TokenLogprob.addAlternative(byToken, alt.path("token").asText(), alt.path("logProbability").asDouble());
            });
            tokens.add(new TokenLogprob(chosen.get(i).path("token").asText(),
                    chosen.get(i).path("logProbability").asDouble(), top, byToken));
        }
        return tokens;
    }

    /** Gemini answers a bad key with 400 INVALID_ARGUMENT; its ErrorInfo says API_KEY_INVALID. */
    @Override
    public FailureReason errorReason(int status, JsonNode error) {
        for (JsonNode detail : error.path("error").path("details")) {
            if ("API_KEY_INVALID".equals(detail.path("reason").asText())) {
                return FailureReason.AUTH;
            }
        }
        return null;
    }

    @Override
    public Duration retryDelay(JsonNode error) {
        for (JsonNode detail : error.path("error").path("details")) {
            if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
                Matcher m = DELAY.matcher(detail.path("retryDelay").asText());
                if (m.matches()) {
                    return Duration.ofMillis((long) (Double.parseDouble(m.group(1)) * 1000));
                }
            }
        }
        return null;
    }

    /**
     * A {@code QuotaFailure} violation of a per-minute request quota ({@code quotaId}
     * {@code GenerateRequestsPerMinutePerProjectPerModel…}) names that quota in {@code quotaValue}: the rate the
     * target may be sent. Token and per-day quotas say nothing about the request rate.
     */
    @Override
    public OptionalDouble quotaPerSecond(JsonNode error) {
        for (JsonNode detail : error.path("error").path("details")) {
            if (!detail.path("@type").asText().endsWith("google.rpc.QuotaFailure")) {
                continue;
            }
            for (JsonNode violation : detail.path("violations")) {
                String id = violation.path("quotaId").asText();
                OptionalLong value = RateLimits.count(violation.path("quotaValue").asText(null));
                if (id.contains("RequestsPerMinute") && value.isPresent() && value.getAsLong() > 0) {
                    return OptionalDouble.of(value.getAsLong() / 60.0);
                }
            }
        }
        return OptionalDouble.empty();
    }
}
