package dev.seedwatch.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.seedwatch.provider.Provider;
import dev.seedwatch.provider.Providers;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.PromptKey;
import dev.seedwatch.suite.Target;
import dev.seedwatch.support.Json;

/**
 * One (target, prompt) pair with its request body serialised once, so that every replay sends the very same bytes
 * and the body hash identifies the request for the baseline. The body is held as text, not bytes: a record with an
 * array would compare by identity, and two plans of one suite are equal.
 *
 * @param body the JSON request body; sent as its UTF-8 bytes ({@link #bodyBytes()}), which the hash is taken of
 */
public record PlannedRequest(Target target, Prompt prompt, String body, String bodyHash) {

    public static PlannedRequest of(Target target, Prompt prompt) {
        try {
            String body = Json.COMPACT.writeValueAsString(provider(target).body(target, prompt));
            return new PlannedRequest(target, prompt, body, sha256(body.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise request body", e);
        }
    }

    public PromptKey key() {
        return new PromptKey(target.name(), prompt.id());
    }

    public Provider provider() {
        return provider(target);
    }

    private static Provider provider(Target target) {
        return Providers.of(target.type());
    }

    public int replays() {
        return prompt.settings().replays();
    }

    /** The prompt is a load probe: its replays are sent twice, isolated and then in a burst. */
    public boolean loadProbe() {
        return prompt.settings().loadProbe();
    }

    /** Requests this prompt sends to its target: its replays, twice for a load probe. */
    public int sends() {
        return loadProbe() ? 2 * replays() : replays();
    }

    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
