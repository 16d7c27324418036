package dev.seedwatch.suite;

/**
 * How the answer is read out of a reply: exactly one of a Java regex (its first match; the first group if it has
 * one) or an RFC 6901 JSON pointer into the reply's JSON (or its first {@code ```json} block).
 *
 * @param regex the pattern, already checked to compile; null when the rule is a pointer
 * @param jsonPointer the pointer, already checked against RFC 6901; null when the rule is a regex
 */
public record AnswerRule(String regex, String jsonPointer) {

    public static AnswerRule regex(String pattern) {
        return new AnswerRule(pattern, null);
    }

    public static AnswerRule jsonPointer(String pointer) {
        return new AnswerRule(null, pointer);
    }

    /** What a baseline records to know whether its answer was read the same way. */
    public String describe() {
        return regex != null ? "regex:" + regex : "json-pointer:" + jsonPointer;
    }
}
