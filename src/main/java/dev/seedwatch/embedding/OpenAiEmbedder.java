package dev.seedwatch.embedding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import dev.seedwatch.replay.StaticHeaders;
import dev.seedwatch.suite.EmbeddingSettings;

/** Embeds through an OpenAI-compatible {@code /embeddings} endpoint, many texts per request. */
public final class OpenAiEmbedder implements Embedder {

    private static final int BATCH = 256;

    private final EmbeddingsApi api;
    private final String model;

    public OpenAiEmbedder(EmbeddingSettings settings) {
        this.model = settings.model();
        Map<String, String> headers = settings.apiKey() == null ? Map.of()
                : Map.of("Authorization", "Bearer " + settings.apiKey());
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(settings.baseUrl())
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(120, TimeUnit.SECONDS)
                .loggingScope(org.jboss.resteasy.reactive.client.api.LoggingScope.NONE) // the key is in a header
                .clientHeadersFactory(new StaticHeaders(headers))
                .build(EmbeddingsApi.class);
    }

    @Override
    public String modelId() {
        return "openai:" + model;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(Collections.nCopies(texts.size(), null));
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) {
                vectors.set(i, new float[0]); // the API rejects empty input; zero vector by definition
            } else {
                positions.add(i);
            }
        }
        for (int from = 0; from < positions.size(); from += BATCH) {
            List<Integer> batch = positions.subList(from, Math.min(positions.size(), from + BATCH));
            List<String> input = batch.stream().map(texts::get).toList();
            EmbeddingsApi.EmbeddingResponse response = api.create(new EmbeddingsApi.EmbeddingRequest(model, input));
            if (response == null || response.data() == null || response.data().size() != input.size()) {
                throw new IllegalStateException("embeddings endpoint returned "
                        + (response == null || response.data() == null ? "no data" : response.data().size() + " vectors")
                        + " for " + input.size() + " inputs");
            }
            for (EmbeddingsApi.Item item : response.data()) {
                vectors.set(batch.get(item.index()), item.embedding());
            }
        }
        return vectors;
    }
}
