package dev.seedwatch.suite;

public enum TargetType {
    /** {@code POST {base-url}/chat/completions} with a bearer key. */
    OPENAI,
    /** {@code POST {base-url}/chat/completions?api-version=…} with an {@code api-key} header. */
    AZURE
}
