package dev.seedwatch.suite;

import java.util.Locale;

/** Whether a prompt is expected to replay identically; nondeterministic prompts stay out of drift alerts. */
public enum Expectation {
    DETERMINISTIC,
    NONDETERMINISTIC;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
