package dev.seedwatch.bench;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The floor of a replay phase on this machine: a bare Vert.x client, in this process, sending {@code suite-2000}'s
 * 6000 requests with 32 in flight to the same fake, reading each answer whole and doing nothing else with it.
 * seedwatch's replay phase is this plus what seedwatch does per request (pacing, classifying and parsing the
 * answer, recording the outcome) and its thread per replay.
 */
final class BareClient {

    private BareClient() {
    }

    static void run(Benchmark.Scenario s) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeLlm fake = new FakeLlm(s.latencyMillis(), 0)) {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(s.concurrency())
                    .setTcpNoDelay(true));
            int total = s.prompts() * s.replays();
            AtomicInteger next = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(total);
            byte[] body = ("{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"steady-1\"}],"
                    + "\"seed\":1,\"temperature\":0.0,\"max_tokens\":50}").getBytes();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                    .setAbsoluteURI(fake.baseUrl() + "/chat/completions").putHeader("Content-Type", "application/json");
            long start = System.nanoTime();
            Runnable[] send = new Runnable[1];
            send[0] = () -> {
                if (next.getAndIncrement() >= total) {
                    return;
                }
                client.request(options).compose(r -> r.send(Buffer.buffer(body))).compose(r -> r.body())
                        .onComplete(r -> {
                            done.countDown();
                            send[0].run();
                        });
            };
            for (int i = 0; i < s.concurrency(); i++) {
                vertx.runOnContext(v -> send[0].run());
            }
            done.await();
            double wall = (System.nanoTime() - start) / 1e9;
            System.out.println("| case | requests @ C, latency | wall s | ideal s | efficiency |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| bare Vert.x client | %d @ %d, %d ms | %.2f | %.2f | %.2f |%n", total,
                    s.concurrency(), s.latencyMillis(), wall, s.ideal(), s.ideal() / wall);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
