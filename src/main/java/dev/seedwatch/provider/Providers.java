package dev.seedwatch.provider;

import dev.seedwatch.suite.TargetType;

/** The provider behind each target type. */
public final class Providers {

    private static final Provider OPENAI = new ChatCompletions(false);
    private static final Provider AZURE = new ChatCompletions(true);
    private static final Provider OPENAI_RESPONSES = new OpenAiResponses();
    private static final Provider ANTHROPIC = new Anthropic();
    private static final Provider GEMINI = new Gemini();

    private Providers() {
    }

    public static Provider of(TargetType type) {
        return switch (type) {
            case OPENAI -> OPENAI;
            case AZURE -> AZURE;
            case OPENAI_RESPONSES -> OPENAI_RESPONSES;
            case ANTHROPIC -> ANTHROPIC;
            case GEMINI -> GEMINI;
        };
    }
}
