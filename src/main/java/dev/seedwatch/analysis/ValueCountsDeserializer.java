package dev.seedwatch.analysis;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/** Reads back what {@link ValueCountsSerializer} writes: {@code [{"value": …, "replays": n}]}. */
public final class ValueCountsDeserializer extends StdDeserializer<Map<String, Integer>> {

    public ValueCountsDeserializer() {
        super(Map.class);
    }

    @Override
    public Map<String, Integer> deserialize(JsonParser in, DeserializationContext context) throws IOException {
        JsonNode list = in.readValueAsTree();
        if (!list.isArray()) {
            return context.reportInputMismatch(this, "expected a list of {value, replays}, got %s", list.getNodeType());
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode c : list) {
            counts.put(c.path("value").asText(), c.path("replays").asInt());
        }
        return counts;
    }
}
