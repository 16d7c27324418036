package dev.seedwatch.demo;

import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import dev.seedwatch.support.Json;

/**
 * An OpenAI-compatible chat completions endpoint on 127.0.0.1 (a free port) answering from a {@link DemoBackend},
 * in the shape OpenAI answers: fingerprint, served model, usage.
 */
final class SimulatedProvider implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpServer server;
    private final DemoBackend backend;

    private SimulatedProvider(HttpServer server, DemoBackend backend) {
        this.server = server;
        this.backend = backend;
    }

    static SimulatedProvider start(Vertx vertx, DemoBackend backend) throws InterruptedException {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        SimulatedProvider provider = new SimulatedProvider(server, backend);
        server.requestHandler(provider::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the simulated provider did not start: " + e.getCause().getMessage(), e);
        }
        return provider;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().equals("/v1/chat/completions")) {
            error(request, 404, "Unknown path");
            return;
        }
        request.body().onSuccess(body -> answer(request, body))
                .onFailure(e -> request.response().setStatusCode(400).end());
    }

    private void answer(HttpServerRequest request, Buffer body) {
        String text;
        JsonNode messages;
        try {
            if (body.length() > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("body too large");
            }
            messages = Json.MAPPER.readTree(body.getBytes()).path("messages");
            text = backend.reply(messages.path(messages.size() - 1).path("content").asText());
        } catch (Exception e) {
            error(request, 400, "Invalid request body");
            return;
        }
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("id", "chatcmpl-demo").put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", backend.servedModel())
                .put("system_fingerprint", backend.fingerprint());
        ObjectNode choice = reply.putArray("choices").addObject();
        choice.put("index", 0).putNull("logprobs");
        choice.put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        int promptTokens = words(messages.toString());
        int completionTokens = words(text);
        reply.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        request.response().putHeader("content-type", "application/json").end(reply.toString());
    }

    private static void error(HttpServerRequest request, int status, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error").put("message", message);
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
    }

    /** A word count stands in for a token count: the demo has no tokenizer. */
    private static int words(String text) {
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            server.close().toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            // the demo is over; a server that fails to close leaves nothing behind in a process that exits
        }
    }
}
