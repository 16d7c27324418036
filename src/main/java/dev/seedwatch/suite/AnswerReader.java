package dev.seedwatch.suite;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the {@code answer} rule of a prompt or of the defaults: exactly one of a compiling regex or a JSON pointer. */
final class AnswerReader {

    private static final Set<String> ANSWER = Set.of("regex", "json-pointer");
    /** RFC 6901: empty (the whole document), or reference tokens each after a '/', with '~' only as ~0 or ~1. */
    private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)*");

    private AnswerReader() {
    }

    /** The rule under {@code parent}'s {@code answer}, or empty when there is none or it is a mistake (reported). */
    static Optional<AnswerRule> read(FieldReader parent) {
        Optional<FieldReader> found = parent.object("answer", false);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        FieldReader r = found.get();
        r.rejectUnknown(ANSWER);
        if (r.has("regex") == r.has("json-pointer")) {
            r.problems().add(parent.path("answer"), "needs exactly one of regex or json-pointer");
            return Optional.empty();
        }
        return r.has("regex") ? regex(r) : jsonPointer(r);
    }

    private static Optional<AnswerRule> regex(FieldReader r) {
        return r.string("regex", true).flatMap(pattern -> {
            try {
                Pattern.compile(pattern);
                return Optional.of(AnswerRule.regex(pattern));
            } catch (PatternSyntaxException e) {
                r.problems().add(r.path("regex"), "is not a valid Java regex: " + e.getDescription()
                        + " near index " + e.getIndex());
                return Optional.empty();
            }
        });
    }

    private static Optional<AnswerRule> jsonPointer(FieldReader r) {
        JsonNode pointer = r.raw("json-pointer");
        // not string(): the empty pointer is valid and means the whole reply
        if (!pointer.isTextual()) {
            r.problems().add(r.path("json-pointer"), "must be a string, got " + SuiteSyntax.describe(pointer));
            return Optional.empty();
        }
        if (!JSON_POINTER.matcher(pointer.asText()).matches()) {
            r.problems().add(r.path("json-pointer"), "is not an RFC 6901 JSON pointer (empty, or '/'-separated "
                    + "tokens with '~' written as ~0 and '/' as ~1), got '" + pointer.asText() + "'");
            return Optional.empty();
        }
        return Optional.of(AnswerRule.jsonPointer(pointer.asText()));
    }
}
