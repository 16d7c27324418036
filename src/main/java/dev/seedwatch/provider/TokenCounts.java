package dev.seedwatch.provider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A token count from a reply's usage, validated: the counts add up into {@code seedwatch_tokens_total}, which is
 * kept across runs, so one negative, fractional, textual or absurd count would corrupt the counter for good. Such a
 * reply is a bad_response.
 */
final class TokenCounts {

    /** More tokens than any reply has (see docs/hostile.md); also keeps every sum far from overflowing. */
    static final long MAX = 100_000_000L;

    private TokenCounts() {
    }

    /** The count in {@code node}, null when absent or JSON null; {@code field} names it in the failure. */
    static Long read(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0 || node.asLong() > MAX) {
            throw AttemptFailure.badResponse("usage " + field + " is not a token count (a whole number from 0 to "
                    + MAX + "): " + preview(node));
        }
        return node.asLong();
    }

    /** As {@link #read}, 0 when absent. */
    static long readOrZero(JsonNode node, String field) {
        Long count = read(node, field);
        return count == null ? 0 : count;
    }

    private static String preview(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
