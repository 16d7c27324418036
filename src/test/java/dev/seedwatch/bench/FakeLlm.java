package dev.seedwatch.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

import dev.seedwatch.provider.Anthropic;
import dev.seedwatch.provider.Gemini;
import dev.seedwatch.testing.FakeLimiter;
import dev.seedwatch.testing.FakeProviders;

/**
 * An OpenAI-compatible chat endpoint on 127.0.0.1 that answers every request after a fixed latency, without
 * holding a thread while it waits (so latency, not the fake, bounds throughput). Prompts whose content starts with
 * "diverge" answer a different second half on every {@code divergeEvery}-th reply. With {@link Limits} it enforces
 * a request bucket and a token bucket as OpenAI does (refilled continuously, the reset being when a bucket is full
 * again), sends the {@code x-ratelimit-*} headers on every answer and answers 429 when a request does not fit.
 * With a {@link FakeLimiter} it limits requests as that kind of provider does instead, and answers in that
 * provider's own format (Chat Completions, Anthropic Messages, Gemini generateContent) at any path.
 *
 * <p>
 * {@code main} runs it on its own (for the AOT training run): {@code FakeLlm LATENCY_MS URL_FILE}; it writes its
 * base URL to URL_FILE once it listens and serves until it is killed.
 */
public final class FakeLlm implements AutoCloseable {

    /** Buckets of {@code requests} and {@code tokens}, each refilled at its rate per second. */
    record Limits(int requests, double requestsPerSecond, int tokens, double tokensPerSecond) {
    }

    static final int TOKENS_PER_REPLY = 38;
    private static final Pattern CONTENT = Pattern.compile("\"content\":\"((?:[^\"\\\\]|\\\\.)*)\"\\}\\]");

    private final HttpServer server;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final long latencyMillis;
    private final int divergeEvery;
    private final Limits limits;
    private final FakeLimiter limiter;
    private final AtomicLong lastAdmittedNanos = new AtomicLong();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final AtomicLong lastReplyNanos = new AtomicLong();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private double requestLevel;
    private double tokenLevel;
    private long levelNanos;

    FakeLlm(long latencyMillis, int divergeEvery) throws IOException {
        this(latencyMillis, divergeEvery, null);
    }

    FakeLlm(long latencyMillis, int divergeEvery, Limits limits) throws IOException {
        this(latencyMillis, divergeEvery, limits, null);
    }

    /** A fake that limits requests as {@code limiter}'s kind of provider does. */
    public FakeLlm(long latencyMillis, FakeLimiter limiter) throws IOException {
        this(latencyMillis, 0, null, limiter);
    }

    private FakeLlm(long latencyMillis, int divergeEvery, Limits limits, FakeLimiter limiter) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK and
        // every reply waits ~40 ms more: an artefact of the fake, not something a real provider does.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.latencyMillis = latencyMillis;
        this.divergeEvery = divergeEvery;
        this.limits = limits;
        this.limiter = limiter;
        if (limits != null) {
            requestLevel = limits.requests();
            tokenLevel = limits.tokens();
            levelNanos = System.nanoTime();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext(limiter == null ? "/v1/chat/completions" : "/", this::handle);
        server.start();
    }

    public static void main(String[] args) throws Exception {
        FakeLlm fake = new FakeLlm(Long.parseLong(args[0]), 3);
        Path file = Path.of(args[1]);
        Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), fake.baseUrl());
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join(); // serves until killed
    }

    /** Whether the limiter's provider answers in a format of its own rather than Chat Completions'. */
    private static boolean providerFormat(FakeLimiter.Kind kind) {
        return kind.type() == Anthropic.TYPE || kind.type() == Gemini.TYPE;
    }

    /** The base URL of a target of the limiter's type (Chat Completions without one). */
    public String baseUrl() {
        String root = "http://127.0.0.1:" + server.getAddress().getPort();
        return root + (limiter == null ? "/v1" : switch (limiter.kind().type().label()) {
            case "azure" -> "/openai/deployments/bench";
            case "gemini" -> "/v1beta";
            default -> "/v1";
        });
    }

    /** When the limiter last let a request through. */
    public long lastAdmittedNanos() {
        return lastAdmittedNanos.get();
    }

    public long firstRequestNanos() {
        return firstRequestNanos.get();
    }

    long lastReplyNanos() {
        return lastReplyNanos.get();
    }

    public int served() {
        return served.get();
    }

    public int rejected() {
        return rejected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        firstRequestNanos.compareAndSet(0, System.nanoTime());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String error = null;
        if (limiter != null) {
            FakeLimiter.Decision decision = limiter.admit(System.nanoTime());
            decision.headers().forEach(exchange.getResponseHeaders()::add);
            error = decision.errorBody();
        } else if (limits != null && !admit(exchange)) {
            error = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                    + "\"code\":\"rate_limit_exceeded\"}}";
        }
        if (error != null) {
            rejected.incrementAndGet();
            byte[] bytes = error.getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(429, bytes.length);
                out.write(bytes);
            }
            return;
        }
        lastAdmittedNanos.accumulateAndGet(System.nanoTime(), Math::max);
        Matcher m = CONTENT.matcher(body);
        String content = m.find() ? m.group(1) : "?";
        int n = counters.computeIfAbsent(content, k -> new AtomicInteger()).getAndIncrement();
        String text = "Report on " + content + ": the crew of Ares IV confirmed that the ship "
                + (content.startsWith("diverge") && divergeEvery > 0 && n % divergeEvery == divergeEvery - 1
                        ? "slowed for a course correction after variant " + (n / divergeEvery) % 3 + " of the warning."
                        : "passed the halfway point and all systems are nominal.");
        // without a limiter nothing of the main classes is touched: bin/train-aot runs this on the test classes alone
        byte[] reply = limiter != null && providerFormat(limiter.kind())
                ? FakeProviders.body(limiter.kind().type(), text).getBytes(StandardCharsets.UTF_8)
                : ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1763700000,"
                + "\"model\":\"bench-model-2026\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,"
                + "\"completion_tokens\":18,\"total_tokens\":" + TOKENS_PER_REPLY + "},"
                + "\"system_fingerprint\":\"fp_bench\"}")
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

    /** Takes a request and its tokens from the buckets if both hold them; sets the headers either way. */
    private synchronized boolean admit(HttpExchange exchange) {
        long now = System.nanoTime();
        double seconds = (now - levelNanos) / 1e9;
        levelNanos = now;
        requestLevel = Math.min(limits.requests(), requestLevel + seconds * limits.requestsPerSecond());
        tokenLevel = Math.min(limits.tokens(), tokenLevel + seconds * limits.tokensPerSecond());
        boolean fits = requestLevel >= 1 && tokenLevel >= TOKENS_PER_REPLY;
        if (fits) {
            requestLevel -= 1;
            tokenLevel -= TOKENS_PER_REPLY;
        }
        var headers = exchange.getResponseHeaders();
        headers.add("x-ratelimit-limit-requests", Integer.toString(limits.requests()));
        headers.add("x-ratelimit-remaining-requests", Long.toString((long) requestLevel));
        headers.add("x-ratelimit-reset-requests",
                FakeLimiter.goDuration((limits.requests() - requestLevel) / limits.requestsPerSecond()));
        headers.add("x-ratelimit-limit-tokens", Integer.toString(limits.tokens()));
        headers.add("x-ratelimit-remaining-tokens", Long.toString((long) tokenLevel));
        headers.add("x-ratelimit-reset-tokens", FakeLimiter.goDuration((limits.tokens() - tokenLevel) / limits.tokensPerSecond()));
        return fits;
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
