package dev.seedwatch.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat endpoint on 127.0.0.1 that answers every request after a fixed latency, without
 * holding a thread while it waits (so latency, not the fake, bounds throughput). Prompts whose content starts with
 * "diverge" answer a different second half on every {@code divergeEvery}-th reply.
 */
final class FakeLlm implements AutoCloseable {

    private static final Pattern CONTENT = Pattern.compile("\"content\":\"((?:[^\"\\\\]|\\\\.)*)\"\\}\\]");

    private final HttpServer server;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final long latencyMillis;
    private final int divergeEvery;
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final AtomicLong lastReplyNanos = new AtomicLong();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private final AtomicInteger served = new AtomicInteger();

    FakeLlm(long latencyMillis, int divergeEvery) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK and
        // every reply waits ~40 ms more: an artefact of the fake, not something a real provider does.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.latencyMillis = latencyMillis;
        this.divergeEvery = divergeEvery;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    long firstRequestNanos() {
        return firstRequestNanos.get();
    }

    long lastReplyNanos() {
        return lastReplyNanos.get();
    }

    int served() {
        return served.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        firstRequestNanos.compareAndSet(0, System.nanoTime());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = CONTENT.matcher(body);
        String content = m.find() ? m.group(1) : "?";
        int n = counters.computeIfAbsent(content, k -> new AtomicInteger()).getAndIncrement();
        String text = "Report on " + content + ": the crew of Ares IV confirmed that the ship "
                + (content.startsWith("diverge") && divergeEvery > 0 && n % divergeEvery == divergeEvery - 1
                        ? "slowed for a course correction after variant " + (n / divergeEvery) % 3 + " of the warning."
                        : "passed the halfway point and all systems are nominal.");
        byte[] reply = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1763700000,"
                + "\"model\":\"bench-model-2026\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,"
                + "\"completion_tokens\":18,\"total_tokens\":38},\"system_fingerprint\":\"fp_bench\"}")
                .getBytes(StandardCharsets.UTF_8);
        timer.schedule(() -> {
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, reply.length);
                out.write(reply);
            } catch (IOException e) {
                // the client went away; nothing to do
            } finally {
                served.incrementAndGet();
                lastReplyNanos.accumulateAndGet(System.nanoTime(), Math::max);
            }
        }, latencyMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
