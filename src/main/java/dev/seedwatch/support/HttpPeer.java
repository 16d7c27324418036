package dev.seedwatch.support;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * POSTs JSON to one HTTP peer (a provider's API, an embeddings endpoint) with Vert.x' client, so that what comes back
 * is bounded: at most {@code maxResponseBytes} are ever buffered (a larger answer is cut off while it arrives), and
 * the timeout covers the whole exchange rather than each read, so a peer that trickles a byte a second is cut off
 * too. Redirects are not followed (they would carry the key to another host); they come back as answers. No
 * compression is asked for, so no compressed body can expand in memory.
 */
public final class HttpPeer implements AutoCloseable {

    /** An answer read whole: status, headers (by lower-case name) and body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The answer was larger than the cap: the same request would be as large again, so it is not retried. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Map<String, String> headers;
    private final long maxResponseBytes;

    public HttpPeer(Vertx vertx, Map<String, String> headers, int connections, Duration connectTimeout,
            long maxResponseBytes) {
        this.vertx = vertx;
        this.headers = Map.copyOf(headers);
        this.maxResponseBytes = maxResponseBytes;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(Math.max(connections, 1))
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .setTcpNoDelay(true)
                .setDecompressionSupported(false));
    }

    /** Sends {@code body}; the answer, or the failure, arrives within {@code timeout}. */
    public CompletableFuture<Answer> post(URI uri, byte[] body, Duration timeout) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            if (answer.completeExceptionally(new TimeoutException("no complete answer within " + timeout.toMillis()
                    + " ms (request timeout)"))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        answer.whenComplete((a, e) -> vertx.cancelTimer(timer));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setFollowRedirects(false)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .putHeader("User-Agent", "seedwatch");
        headers.forEach(options::putHeader);
        // Wired on an event loop: set from the caller's thread, the body handlers could come after a quick answer
        // had already ended, and the exchange would hang until its timeout.
        vertx.runOnContext(v -> {
            try {
                client.request(options)
                        .compose(request -> {
                            sent.set(request);
                            if (answer.isDone()) {
                                // timed out while the connection was made: not sent after all
                                request.reset();
                                return Future.<HttpClientResponse>failedFuture("request timeout before the request was sent");
                            }
                            return request.send(Buffer.buffer(body));
                        })
                        .onSuccess(response -> read(response, answer))
                        .onFailure(answer::completeExceptionally);
            } catch (RuntimeException e) {
                // thrown here it would only be logged, and the caller would wait for the timeout
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private void read(HttpClientResponse response, CompletableFuture<Answer> answer) {
        String length = response.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxResponseBytes) {
            tooLarge(response, answer, "answer of " + length + " bytes (Content-Length) exceeds the cap of "
                    + maxResponseBytes + " bytes (seedwatch.max-response-bytes)");
            return;
        }
        Buffer collected = Buffer.buffer();
        response.handler(chunk -> {
            if (answer.isDone()) {
                return;
            }
            if ((long) collected.length() + chunk.length() > maxResponseBytes) {
                tooLarge(response, answer, "answer exceeds the cap of " + maxResponseBytes
                        + " bytes (seedwatch.max-response-bytes); cut off after "
                        + ((long) collected.length() + chunk.length()) + " bytes");
                return;
            }
            try {
                collected.appendBuffer(chunk);
            } catch (Error e) {
                // thrown on the event loop it would only be logged, and the exchange would hang until its timeout
                answer.completeExceptionally(e);
                response.request().reset();
            }
        });
        response.exceptionHandler(answer::completeExceptionally);
        response.endHandler(v -> {
            Map<String, String> names = new HashMap<>();
            response.headers().forEach(h -> names.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            answer.complete(new Answer(response.statusCode(), Map.copyOf(names), collected.getBytes()));
        });
    }

    private static void tooLarge(HttpClientResponse response, CompletableFuture<Answer> answer, String message) {
        answer.completeExceptionally(new TooLarge(message));
        response.request().reset();
    }

    @Override
    public void close() {
        client.close();
    }
}
