package dev.seedwatch.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.suite.TargetType;

/**
 * Every target type's API on one WireMock server ({@link FakeOpenAi}'s), each answer built from that type's real
 * fixture with its text replaced. A request is answered by the word its body contains, so a prompt is told by its
 * content whatever the body's shape.
 */
public final class FakeProviders {

    public static final String AZURE_BASE = "/azure/openai/deployments/gpt-4o-mini";
    public static final String GEMINI_MODEL = "gemini-2.5-flash";

    private final FakeOpenAi fake;

    public FakeProviders(FakeOpenAi fake) {
        this.fake = fake;
    }

    /** The base URL a target of this type points at. */
    public String baseUrl(TargetType type) {
        String root = "http://127.0.0.1:" + fake.port();
        return switch (type.label()) {
            case "azure" -> root + AZURE_BASE;
            case "gemini" -> root + "/v1beta";
            default -> root + "/v1";
        };
    }

    /** The path requests of this type arrive at (gemini: for {@link #GEMINI_MODEL}). */
    public static String path(TargetType type) {
        return switch (type.label()) {
            case "openai" -> "/v1/chat/completions";
            case "azure" -> AZURE_BASE + "/chat/completions";
            case "openai-responses" -> "/v1/responses";
            case "anthropic" -> "/v1/messages";
            case "gemini" -> "/v1beta/models/" + GEMINI_MODEL + ":generateContent";
            default -> throw new IllegalArgumentException("no fake for type " + type);
        };
    }

    /** Requests of {@code type} whose body contains {@code word} get {@code text}. */
    public void answer(TargetType type, String word, String text) {
        fake.server().stubFor(post(urlPathEqualTo(path(type))).withRequestBody(containing(word))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(body(type, text))));
    }

    /** Requests of {@code type} get this error answer. */
    public void fail(TargetType type, int status, String body) {
        fake.server().stubFor(post(urlPathEqualTo(path(type))).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    public static String body(TargetType type, String text) {
        return switch (type.label()) {
            case "openai" -> FakeOpenAi.body(new FakeOpenAi.Reply(text, "fp_fake01", "gpt-4o-mini-2024-07-18"));
            case "azure" -> {
                ObjectNode body = (ObjectNode) FakeOpenAi.fixture("azure-chat.json");
                ((ObjectNode) body.withArray("choices").get(0).get("message")).put("content", text);
                yield body.toString();
            }
            case "openai-responses" -> {
                ObjectNode body = (ObjectNode) FakeOpenAi.fixture("openai-responses.json");
                ((ObjectNode) body.withArray("output").get(0).withArray("content").get(0)).put("text", text);
                yield body.toString();
            }
            case "anthropic" -> {
                ObjectNode body = (ObjectNode) FakeOpenAi.fixture("anthropic-message.json");
                ((ObjectNode) body.withArray("content").get(0)).put("text", text);
                yield body.toString();
            }
            case "gemini" -> {
                ObjectNode body = (ObjectNode) FakeOpenAi.fixture("gemini-generate-content.json");
                ((ObjectNode) body.withArray("candidates").get(0).get("content").withArray("parts").get(0))
                        .put("text", text);
                yield body.toString();
            }
            default -> throw new IllegalArgumentException("no fake for type " + type);
        };
    }
}
