package dev.seedwatch.suite;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySizeConverter;

/**
 * Reads typed fields from one YAML mapping while collecting problems instead of stopping at the first, so that a
 * user sees every mistake of a suite at once. Every read names the field by its full path.
 */
final class FieldReader {


    private final JsonNode node;
    private final String path;
    private final Problems problems;

    FieldReader(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    void rejectUnknown(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String hint = closest(name, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
                problems.add(path(name), "unknown key" + hint + "; known keys: " + String.join(", ", sorted(known)));
            }
        }
    }

    Optional<String> string(String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(path(key), "is required");
            }
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isBoolean()) {
            problems.add(path(key), "must be a string, got " + describe(value));
            return Optional.empty();
        }
        String text = value.asText();
        if (text.isBlank()) {
            problems.add(path(key), "must not be empty");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** Names and ids are labels on every series and columns of the console table: a length both can hold. */
    static final int MAX_LABEL_CHARS = 64;

    Optional<String> label(String key, boolean required) {
        Optional<String> value = string(key, required);
        if (value.isPresent() && !value.get().matches("[a-z0-9_-]+")) {
            problems.add(path(key), "must match [a-z0-9_-]+ (it becomes a metric label), got '" + value.get() + "'");
            return Optional.empty();
        }
        if (value.isPresent() && value.get().length() > MAX_LABEL_CHARS) {
            problems.add(path(key), "must be at most " + MAX_LABEL_CHARS + " characters (it becomes a metric label "
                    + "and a table column), got " + value.get().length());
            return Optional.empty();
        }
        return value;
    }

    Optional<Long> integer(String key, long min, long max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() && !(value.isTextual() && value.asText().matches("-?\\d+"))) {
            problems.add(path(key), "must be a whole number, got " + describe(value));
            return Optional.empty();
        }
        long number = value.isIntegralNumber() ? value.asLong() : Long.parseLong(value.asText());
        if (number < min || number > max) {
            problems.add(path(key), "must be " + range(min, max) + ", got " + number);
            return Optional.empty();
        }
        return Optional.of(number);
    }

    Optional<Boolean> bool(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            problems.add(path(key), "must be true or false, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value.asBoolean());
    }

    Optional<Double> number(String key, double min, double max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            problems.add(path(key), "must be a number, got " + describe(value));
            return Optional.empty();
        }
        double number = value.asDouble();
        if (number < min || number > max || Double.isNaN(number)) {
            problems.add(path(key), "must be between " + trim(min) + " and " + trim(max) + ", got " + value.asText());
            return Optional.empty();
        }
        return Optional.of(number);
    }

    <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        Optional<String> value = string(key, false);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (choiceName(constant).equalsIgnoreCase(value.get())) {
                return Optional.of(constant);
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(choiceName(constant));
        }
        problems.add(path(key), "must be one of " + String.join(", ", allowed) + ", got '" + value.get() + "'");
        return Optional.empty();
    }

    /** How a suite spells a constant: lower case, '-' for '_' ({@code OPENAI_RESPONSES} is {@code openai-responses}). */
    private static String choiceName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    Optional<URI> httpUrl(String key, boolean required) {
        Optional<String> value = string(key, required);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add(path(key), "must be an absolute http(s) URL, got '" + value.get() + "'");
                return Optional.empty();
            }
            if (uri.getUserInfo() != null) {
                problems.add(path(key), "must not carry credentials; use api-key-env or headers[].value-env");
                return Optional.empty();
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                problems.add(path(key), "must not have a query or fragment (azure: use api-version)");
                return Optional.empty();
            }
            String text = value.get().endsWith("/") ? value.get().substring(0, value.get().length() - 1) : value.get();
            return Optional.of(new URI(text));
        } catch (URISyntaxException e) {
            problems.add(path(key), "is not a valid URL: " + e.getReason());
            return Optional.empty();
        }
    }

    /**
     * A duration in the syntax of seedwatch's settings (Quarkus'): seconds as a number, or text such as
     * {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT30S}.
     */
    Optional<Duration> duration(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        Duration duration = null;
        if (value.isNumber() || value.isTextual()) {
            try {
                duration = DurationConverter.parseDuration(value.asText().trim());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // reported below, with what was given
            }
        }
        if (duration == null) {
            problems.add(path(key), "must be a duration such as 30s, 500ms or 2m, got " + describe(value));
            return Optional.empty();
        }
        if (duration.isNegative() || duration.isZero()) {
            problems.add(path(key), "must be positive");
            return Optional.empty();
        }
        return Optional.of(duration);
    }

    /** A size in bytes: a whole number, or text such as {@code 512K}, {@code 8M}, {@code 1G} (as in the settings). */
    Optional<Long> bytes(String key, long min) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
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
            problems.add(path(key), "must be a size such as 8M, 512K or 1048576, got " + describe(value));
            return Optional.empty();
        }
        if (bytes < min) {
            problems.add(path(key), "must be at least " + min + " bytes, got " + bytes);
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    /** The elements of a sequence field, or none (with a problem) if the field is not a sequence. */
    List<JsonNode> list(String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(path(key), "is required");
            }
            return List.of();
        }
        if (!value.isArray()) {
            problems.add(path(key), "must be a list, got " + describe(value));
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** A mapping-valued field as a reader of its own, or empty (with a problem when present but not a mapping). */
    Optional<FieldReader> object(String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(path(key), "is required");
            }
            return Optional.empty();
        }
        return of(value, path(key), problems);
    }

    static Optional<FieldReader> of(JsonNode value, String path, Problems problems) {
        if (!value.isObject()) {
            problems.add(path, "must be a mapping, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(new FieldReader(value, path, problems));
    }

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

    /** The known key a typo most likely meant: small edit distance, or one is a prefix of the other. */
    static Optional<String> closest(String name, Set<String> known) {
        return known.stream()
                .filter(k -> editDistance(name, k) <= Math.max(2, k.length() / 4) || k.startsWith(name) || name.startsWith(k))
                .min(Comparator.comparingInt((String k) -> editDistance(name, k)).thenComparing(k -> k));
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static List<String> sorted(Set<String> known) {
        return known.stream().sorted().toList();
    }

    private static String range(long min, long max) {
        return max == Long.MAX_VALUE ? ">= " + min : "between " + min + " and " + max;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Problems of one file, in the order found. */
    static final class Problems {
        private final String file;
        private final List<SuiteProblem> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(String path, String reason) {
            list.add(new SuiteProblem(file, path, reason));
        }

        List<SuiteProblem> list() {
            return list;
        }
    }
}
