package dev.seedwatch.suite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sampling settings of one prompt after defaults were applied. A null field is not sent at all, so the
 * provider's own default applies.
 *
 * @param loadProbe send the replays twice, one at a time and then all at once, to tell batching from the model
 */
public record RequestSettings(Long seed, Double temperature, Double topP, Integer maxTokens,
        Integer maxCompletionTokens, Map<String, JsonNode> params, int replays, boolean loadProbe) {

    public RequestSettings {
        // insertion order, not Map.copyOf: the body (and its hash) must be the same in every JVM
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
