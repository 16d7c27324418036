package dev.seedwatch.embedding;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** OpenAI's {@code POST /embeddings}. */
@Path("/embeddings")
public interface EmbeddingsApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    EmbeddingResponse create(EmbeddingRequest request);

    record EmbeddingRequest(String model, List<String> input) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmbeddingResponse(List<Item> data, String model) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(int index, float[] embedding) {
    }
}
