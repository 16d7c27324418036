package dev.seedwatch.analysis;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Replays per provider value (fingerprint, served model), written as {@code [{"value": …, "replays": n}]}: the values
 * are provider text, and provider text is never a JSON object key (a reader's name limit, and a key is no place for a
 * hostile string).
 */
@Retention(RUNTIME)
@Target({ FIELD, METHOD, PARAMETER })
@JacksonAnnotationsInside
@JsonSerialize(using = ValueCounts.Writer.class)
@JsonDeserialize(using = ValueCounts.Reader.class)
public @interface ValueCounts {

    final class Writer extends StdSerializer<Map<String, Integer>> {

        @SuppressWarnings({ "unchecked", "rawtypes" })
        public Writer() {
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

    final class Reader extends StdDeserializer<Map<String, Integer>> {

        public Reader() {
            super(Map.class);
        }

        @Override
        public Map<String, Integer> deserialize(JsonParser in, DeserializationContext context) throws IOException {
            JsonNode list = in.readValueAsTree();
            if (!list.isArray()) {
                return context.reportInputMismatch(this, "expected a list of {value, replays}, got %s",
                        list.getNodeType());
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (JsonNode c : list) {
                counts.put(c.path("value").asText(), c.path("replays").asInt());
            }
            return counts;
        }
    }
}
