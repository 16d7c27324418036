package dev.seedwatch.analysis;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * A yes/no figure that is undefined at times ({@code Optional<Boolean>}), written in JSON as the metric it is
 * exported as: 1, 0, or absent. Reports read by dashboards and older seedwatch versions keep their numbers.
 */
@Retention(RUNTIME)
@Target({ FIELD, METHOD, PARAMETER })
@JacksonAnnotationsInside
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonSerialize(using = OneOrZero.Writer.class)
@JsonDeserialize(using = OneOrZero.Reader.class)
public @interface OneOrZero {

    /** 1 for yes, 0 for no; an undefined figure is left out (see {@link #isEmpty}). */
    final class Writer extends StdSerializer<Optional<Boolean>> {

        @SuppressWarnings({ "unchecked", "rawtypes" })
        public Writer() {
            super((Class<Optional<Boolean>>) (Class) Optional.class);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Optional<Boolean> value) {
            return value == null || value.isEmpty();
        }

        @Override
        public void serialize(Optional<Boolean> value, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            out.writeNumber(value.orElseThrow() ? 1 : 0);
        }
    }

    /** 1 is yes, any other number no; an absent or null figure is undefined. */
    final class Reader extends StdDeserializer<Optional<Boolean>> {

        public Reader() {
            super(Optional.class);
        }

        @Override
        public Optional<Boolean> deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return Optional.of(in.getValueAsInt() == 1);
        }

        @Override
        public Optional<Boolean> getNullValue(DeserializationContext context) {
            return Optional.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return Optional.empty();
        }
    }
}
