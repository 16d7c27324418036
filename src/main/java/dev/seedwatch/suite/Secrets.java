package dev.seedwatch.suite;

import java.util.Optional;
import java.util.function.Function;

import dev.seedwatch.suite.FieldReader.Problems;

/**
 * Keys and header values a suite names by environment variable: present, and safe to send as a header value.
 *
 * @param environment looks up environment variables by name (System::getenv outside tests)
 */
record Secrets(Function<String, String> environment) {

    /** The value of {@code variable}, or empty with the problem said at {@code path}. */
    Optional<String> get(String variable, String path, Problems problems) {
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            problems.add(path, "environment variable " + variable + (value == null ? " is not set" : " is empty"));
            return Optional.empty();
        }
        if (!headerSafe(value)) {
            // CR/LF would let a value end the header and start another one
            problems.add(path, "environment variable " + variable + " holds a control character (CR, LF or "
                    + "other); a header value cannot carry it");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Printable text and tabs only, as an HTTP header value must be. */
    static boolean headerSafe(String value) {
        return value.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
    }
}
