package dev.seedwatch.suite;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

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
                String hint = KeyHint.closest(name, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
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
            problems.add(path(key), "must be a string, got " + SuiteSyntax.describe(value));
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

    /** A whole number within [min, max]; digits in quotes count too. */
    Optional<Long> integer(String key, long min, long max) {
        return present(key).flatMap(value -> reported(key, SuiteSyntax.integer(value, min, max)));
    }

    Optional<Boolean> bool(String key) {
        return present(key).flatMap(value -> reported(key, SuiteSyntax.bool(value)));
    }

    Optional<Double> number(String key, double min, double max) {
        return present(key).flatMap(value -> reported(key, SuiteSyntax.number(value, min, max)));
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
        return string(key, required).flatMap(text -> reported(key, SuiteSyntax.httpUrl(text)));
    }

    /** A duration in the syntax of seedwatch's settings (see {@link SuiteSyntax#duration}). */
    Optional<Duration> duration(String key) {
        return present(key).flatMap(value -> reported(key, SuiteSyntax.duration(value)));
    }

    /** A size in bytes, as in the settings (see {@link SuiteSyntax#bytes}). */
    Optional<Long> bytes(String key, long min) {
        return present(key).flatMap(value -> reported(key, SuiteSyntax.bytes(value, min)));
    }

    private Optional<JsonNode> present(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private <T> Optional<T> reported(String key, SuiteSyntax.Parsed<T> parsed) {
        parsed.problem().ifPresent(reason -> problems.add(path(key), reason));
        return parsed.value();
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
            problems.add(path(key), "must be a list, got " + SuiteSyntax.describe(value));
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /**
     * Each entry of the required list {@code key} that is a mapping, in order, handed to {@code read} with its path.
     * An empty list is a problem, and so is a second entry with the same {@code id}: checked on the raw value, so that
     * a duplicate shows even when the entry has other mistakes.
     *
     * @param what the entry's name in the messages ("prompt", "target")
     */
    void eachEntry(String key, String what, String id, BiConsumer<String, FieldReader> read) {
        List<JsonNode> entries = list(key, true);
        if (has(key) && entries.isEmpty() && raw(key).isArray()) {
            problems.add(path(key), "must list at least one " + what);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entryPath = path(key) + "[" + i + "]";
            Optional<FieldReader> reader = of(entries.get(i), entryPath, problems);
            rawText(entries.get(i), id).filter(value -> !ids.add(value)).ifPresent(value -> problems
                    .add(entryPath + "." + id, "duplicate " + what + " " + id + " '" + value + "'"));
            reader.ifPresent(r -> read.accept(entryPath, r));
        }
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
            problems.add(path, "must be a mapping, got " + SuiteSyntax.describe(value));
            return Optional.empty();
        }
        return Optional.of(new FieldReader(value, path, problems));
    }

    /** The text of {@code node}'s scalar field {@code key}, read without a check (and so without a problem). */
    static Optional<String> rawText(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static List<String> sorted(Set<String> known) {
        return known.stream().sorted().toList();
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
