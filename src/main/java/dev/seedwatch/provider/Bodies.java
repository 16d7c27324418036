package dev.seedwatch.provider;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.suite.RequestSettings;

/** What the request bodies of the non-chat APIs share. */
final class Bodies {

    private Bodies() {
    }

    /**
     * Merges a prompt's {@code params} into a body, objects key by key (so {@code generationConfig: {topK: 1}} adds
     * to the generationConfig seedwatch writes instead of replacing it); any other value replaces.
     */
    static void merge(ObjectNode body, Map<String, JsonNode> params) {
        params.forEach((key, value) -> mergeField(body, key, value));
    }

    private static void mergeField(ObjectNode into, String key, JsonNode value) {
        JsonNode existing = into.get(key);
        if (existing instanceof ObjectNode target && value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                mergeField(target, f.getKey(), f.getValue());
            }
        } else {
            into.set(key, value.deepCopy());
        }
    }

    /**
     * The one output limit APIs other than Chat Completions know: {@code max-tokens} or, for suites written for
     * o-series models, {@code max-completion-tokens}; null when neither is set.
     */
    static Integer tokenLimit(RequestSettings s) {
        return s.maxTokens() != null ? s.maxTokens() : s.maxCompletionTokens();
    }
}
