package dev.seedwatch.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.suite.Message;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.RequestSettings;
import dev.seedwatch.suite.Target;
import dev.seedwatch.suite.TargetType;

/**
 * One (target, prompt) pair with its request body serialised once, so that every replay sends the very same bytes
 * and the body hash identifies the request for the baseline.
 */
public record PlannedRequest(Target target, Prompt prompt, byte[] body, String bodyHash) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static PlannedRequest of(Target target, Prompt prompt) {
        ObjectNode body = JSON.createObjectNode();
        if (target.type() != TargetType.AZURE) {
            body.put("model", target.model()); // an Azure deployment decides the model itself
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
        for (Map.Entry<String, JsonNode> param : s.params().entrySet()) {
            body.set(param.getKey(), param.getValue());
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            return new PlannedRequest(target, prompt, bytes, sha256(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise request body", e);
        }
    }

    public int replays() {
        return prompt.settings().replays();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
