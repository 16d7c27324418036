package dev.seedwatch.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A peer on 127.0.0.1 that answers like a broken provider or proxy, by path below {@code /v1}: {@code /big/N}
 * sends N bytes with a Content-Length, {@code /chunked/N} streams N bytes chunked without one, {@code /trickle/N}
 * sends N bytes a byte a second, {@code /redirect} a 307 to another host with a token in the query. Every body is
 * a valid chat completion's start padded with spaces, so only its size or pace is wrong. Each stream stops when the
 * client hangs up. Any other kind answers 200 with the JSON a test registered for it ({@link #answer}). It counts
 * the requests each path received.
 */
public final class HostilePeer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Function<String, String>> answers = new ConcurrentHashMap<>();

    public HostilePeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL of a target whose every answer is {@code kind} (e.g. {@code big/62914560}). */
    public String baseUrl(String kind) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + kind + "/v1";
    }

    /** Answers every request below {@code baseUrl(kind)} with 200 and the JSON {@code answer} makes of its body. */
    public void answer(String kind, Function<String, String> answer) {
        answers.put(kind, answer);
    }

    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String[] path = exchange.getRequestURI().getPath().split("/");
        String kind = path[1];
        try (exchange) {
            if (answers.containsKey(kind)) {
                byte[] body = answers.get(kind).apply(request).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            if (kind.equals("redirect")) {
                exchange.getResponseHeaders().add("Location", "https://elsewhere.example/v1/chat?token=s3cr3t");
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            long size = Long.parseLong(path[2]);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, kind.equals("big") ? size : 0);
            OutputStream out = exchange.getResponseBody();
            byte[] start = "{\"choices\":[{\"message\":{\"content\":\"".getBytes(StandardCharsets.UTF_8);
            out.write(start);
            byte[] chunk = new byte[kind.equals("trickle") ? 1 : 64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            for (long sent = start.length; sent < size; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
                if (kind.equals("trickle")) {
                    out.flush();
                    TimeUnit.SECONDS.sleep(1); // the pace is what this answer is about
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up: what these answers are for
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
