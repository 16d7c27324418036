package dev.seedwatch.suite;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySizeConverter;

/**
 * How a suite's scalar values are read: each to a value or to the reason it is not one, so that the reader of the
 * mapping can name the field. Durations and sizes take the syntax of seedwatch's settings: one spelling for both.
 */
final class SuiteSyntax {

    private SuiteSyntax() {
    }

    /** One value read: the value, or why the text is not one (the problem's reason, without the field's path). */
    record Parsed<T>(Optional<T> value, Optional<String> problem) {

        static <T> Parsed<T> of(T value) {
            return new Parsed<>(Optional.of(value), Optional.empty());
        }

        static <T> Parsed<T> invalid(String problem) {
            return new Parsed<>(Optional.empty(), Optional.of(problem));
        }
    }

    static Parsed<Long> integer(JsonNode value, long min, long max) {
        if (!value.isIntegralNumber() && !(value.isTextual() && value.asText().matches("-?\\d+"))) {
            return Parsed.invalid("must be a whole number, got " + describe(value));
        }
        long number = value.isIntegralNumber() ? value.asLong() : Long.parseLong(value.asText());
        if (number < min || number > max) {
            return Parsed.invalid("must be " + range(min, max) + ", got " + number);
        }
        return Parsed.of(number);
    }

    static Parsed<Boolean> bool(JsonNode value) {
        return value.isBoolean() ? Parsed.of(value.asBoolean())
                : Parsed.invalid("must be true or false, got " + describe(value));
    }

    static Parsed<Double> number(JsonNode value, double min, double max) {
        if (!value.isNumber()) {
            return Parsed.invalid("must be a number, got " + describe(value));
        }
        double number = value.asDouble();
        if (number < min || number > max || Double.isNaN(number)) {
            return Parsed.invalid("must be between " + trim(min) + " and " + trim(max) + ", got " + value.asText());
        }
        return Parsed.of(number);
    }

    /** An absolute http(s) URL with no credentials, query or fragment, without a trailing '/'. */
    static Parsed<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Parsed.invalid("must be an absolute http(s) URL, got '" + text + "'");
            }
            if (uri.getUserInfo() != null) {
                return Parsed.invalid("must not carry credentials; use api-key-env or headers[].value-env");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                return Parsed.invalid("must not have a query or fragment (azure: use api-version)");
            }
            return Parsed.of(new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
        } catch (URISyntaxException e) {
            return Parsed.invalid("is not a valid URL: " + e.getReason());
        }
    }

    /**
     * A positive duration in the syntax of seedwatch's settings (Quarkus'): seconds as a number, or text such as
     * {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT30S}.
     */
    static Parsed<Duration> duration(JsonNode value) {
        Duration duration = null;
        if (value.isNumber() || value.isTextual()) {
            try {
                duration = DurationConverter.parseDuration(value.asText().trim());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // reported below, with what was given
            }
        }
        if (duration == null) {
            return Parsed.invalid("must be a duration such as 30s, 500ms or 2m, got " + describe(value));
        }
        if (duration.isNegative() || duration.isZero()) {
            return Parsed.invalid("must be positive");
        }
        return Parsed.of(duration);
    }

    /** A size of at least {@code min} bytes: a whole number, or text such as {@code 512K}, {@code 8M}, {@code 1G}. */
    static Parsed<Long> bytes(JsonNode value, long min) {
        Long bytes = null;
        if (value.isIntegralNumber()) {
            bytes = value.asLong();
        } else if (value.isTextual()) {
            try {
                bytes = new MemorySizeConverter().convert(value.asText().trim()).asLongValue();
            } catch (IllegalArgumentException e) {
                // reported below, with what was given
            }
        }
        if (bytes == null) {
            return Parsed.invalid("must be a size such as 8M, 512K or 1048576, got " + describe(value));
        }
        if (bytes < min) {
            return Parsed.invalid("must be at least " + min + " bytes, got " + bytes);
        }
        return Parsed.of(bytes);
    }

    /** A value as a problem quotes it: text in quotes, a list or mapping by its kind, anything else as written. */
    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return value.toString();
    }

    private static String range(long min, long max) {
        return max == Long.MAX_VALUE ? ">= " + min : "between " + min + " and " + max;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
