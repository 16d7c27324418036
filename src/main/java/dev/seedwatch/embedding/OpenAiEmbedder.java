package dev.seedwatch.embedding;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;

import dev.seedwatch.suite.EmbeddingSettings;
import dev.seedwatch.support.HttpPeer;
import dev.seedwatch.support.Json;

/** Embeds through an OpenAI-compatible {@code /embeddings} endpoint, many texts per request. */
public final class OpenAiEmbedder implements Embedder {

    private static final int BATCH = 256;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** 256 vectors of 3072 floats as JSON text, with room. */
    private static final long MAX_ANSWER_BYTES = 64L << 20;

    private final Vertx vertx;
    private final EmbeddingSettings settings;

    OpenAiEmbedder(Vertx vertx, EmbeddingSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    @Override
    public String modelId() {
        return modelId(settings.model());
    }

    static String modelId(String model) {
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
        Map<String, String> headers = settings.apiKey() == null ? Map.of()
                : Map.of("Authorization", "Bearer " + settings.apiKey());
        try (HttpPeer http = new HttpPeer(vertx, headers, 1, Duration.ofSeconds(10), MAX_ANSWER_BYTES)) {
            for (int from = 0; from < positions.size(); from += BATCH) {
                List<Integer> batch = positions.subList(from, Math.min(positions.size(), from + BATCH));
                for (JsonNode item : request(http, batch.stream().map(texts::get).toList())) {
                    JsonNode embedding = item.path("embedding");
                    float[] vector = new float[embedding.size()];
                    for (int d = 0; d < vector.length; d++) {
                        vector[d] = (float) embedding.get(d).asDouble();
                    }
                    vectors.set(batch.get(item.path("index").asInt()), vector);
                }
            }
        }
        return vectors;
    }

    private JsonNode request(HttpPeer http, List<String> input) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", settings.model());
        input.forEach(body.putArray("input")::add);
        try {
            HttpPeer.Answer answer = http.post(URI.create(settings.baseUrl() + "/embeddings"),
                    Json.COMPACT.writeValueAsBytes(body), TIMEOUT).get();
            if (answer.status() != 200) {
                throw new IllegalStateException("embeddings endpoint answered HTTP " + answer.status());
            }
            JsonNode data = Json.MAPPER.readTree(answer.body()).path("data");
            if (!data.isArray() || data.size() != input.size()) {
                throw new IllegalStateException("embeddings endpoint returned "
                        + (data.isArray() ? data.size() + " vectors" : "no data") + " for " + input.size() + " inputs");
            }
            return data;
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("embeddings request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        }
    }
}
