package dev.seedwatch.replay;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * The OpenAI-compatible endpoint. The body goes out as pre-serialised bytes (identical for every replay) and the
 * answer comes back raw, so that a truncated or odd body is classified by us rather than failing in a reader.
 */
@Path("/chat/completions")
public interface ChatCompletionsApi {

    /** @param apiVersion Azure's {@code api-version}; null (not sent) for OpenAI-style targets */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> create(@QueryParam("api-version") String apiVersion, byte[] body);
}
