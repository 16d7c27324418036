package dev.seedwatch.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.seedwatch.suite.TargetType;

/** The registry: every type a suite can name has the one provider that owns it. */
class ProvidersTest {

    @Test
    void everyTypeASuiteCanNameHasItsOwnProvider() {
        assertThat(Providers.TYPES.all()).extracting(TargetType::label).containsExactly("openai", "azure",
                "openai-responses", "anthropic", "gemini");
        for (TargetType type : Providers.TYPES.all()) {
            assertThat(Providers.of(type).type()).isSameAs(type);
        }
    }

    @Test
    void aSuiteNamesATypeInAnyCase() {
        assertThat(Providers.TYPES.named("OpenAI-Responses")).contains(OpenAiResponses.TYPE);
        assertThat(Providers.TYPES.named("bedrock")).isEmpty();
    }
}
