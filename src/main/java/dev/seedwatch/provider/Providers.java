package dev.seedwatch.provider;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.seedwatch.suite.TargetType;
import dev.seedwatch.suite.TargetTypes;

/**
 * Every provider, one registration each: the suite loader reads their types ({@link #TYPES}), a replay the provider
 * of its target's type ({@link #of}). The first is the type a target that names none speaks.
 */
public final class Providers {

    private static final List<Provider> ALL = List.of(ChatCompletions.openAi(), ChatCompletions.azure(),
            new OpenAiResponses(), new Anthropic(), new Gemini());
    private static final Map<TargetType, Provider> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Provider::type, Function.identity()));

    /** The types a suite may name, in the order the loader's messages list them. */
    public static final TargetTypes TYPES = new TargetTypes(ALL.stream().map(Provider::type).toList());

    private Providers() {
    }

    /** The provider that speaks a type; every type a suite can name has one. */
    public static Provider of(TargetType type) {
        Provider provider = BY_TYPE.get(type);
        if (provider == null) {
            throw new IllegalArgumentException("no provider registered for target type " + type.label());
        }
        return provider;
    }
}
