package dev.seedwatch.analysis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The most common text of one complete run of a (target, prompt), kept as a hash: the behaviour memory needs to
 * recognise a text, not to show it, and a hash keeps replies out of the state file.
 */
public record RecentText(String requestHash, String embeddingModel, String textHash, String runId) {

    public static String hash(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
