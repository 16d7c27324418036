package dev.seedwatch.suite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which part of a suite this process runs. A (target, prompt) pair belongs to the shard its hash falls to, so the
 * shards cover every pair exactly once and a pair keeps its shard when other prompts are added or removed.
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index must be in 0.." + (count - 1) + ", got " + index + "/" + count);
        }
    }

    /** Parses {@code I/N}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shard must look like I/N (e.g. 0/4), got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must look like I/N (e.g. 0/4), got '" + text + "'");
        }
    }

    public boolean sharded() {
        return count > 1;
    }

    public boolean includes(PromptKey key) {
        if (count == 1) {
            return true;
        }
        try {
            // the hashed bytes decide which shard runs a prompt: changing them would move prompts between shards
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((key.target() + "\u0000" + key.prompt()).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            return Long.remainderUnsigned(value, count) == index;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
