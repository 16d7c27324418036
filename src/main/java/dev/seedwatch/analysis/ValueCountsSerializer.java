package dev.seedwatch.analysis;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes replays per provider value (fingerprint, served model) as {@code [{"value": …, "replays": n}]}: the values
 * are provider text, and provider text is never a JSON object key (a reader's name limit, and a key is no place for a
 * hostile string).
 */
public final class ValueCountsSerializer extends StdSerializer<Map<String, Integer>> {

    @SuppressWarnings({ "unchecked", "rawtypes" })
    public ValueCountsSerializer() {
        super((Class<Map<String, Integer>>) (Class) Map.class);
    }

    @Override
    public void serialize(Map<String, Integer> counts, JsonGenerator out, SerializerProvider provider)
            throws IOException {
        out.writeStartArray();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            out.writeStartObject();
            out.writeStringField("value", e.getKey());
            out.writeNumberField("replays", e.getValue());
            out.writeEndObject();
        }
        out.writeEndArray();
    }
}
