package dev.seedwatch.replay;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.core.Response;


import org.jboss.resteasy.reactive.client.api.LoggingScope;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

import dev.seedwatch.suite.Target;
import dev.seedwatch.suite.TargetType;

/**
 * Sends one target's replays: a REST client bound to its base URL and headers, the retry policy (Mutiny's retry
 * driven by {@link Backoff}), its rate pacing, and the rule that after a fatal answer (bad key, unknown model,
 * seed rejected) nothing more is sent to it.
 */
final class TargetClient {

    private final Target target;
    private final ChatCompletionsApi api;
    private final ReplaySettings settings;
    private final Duration timeout;
    private final Backoff backoff;
    private final RatePacer pacer;
    private final ResponseClassifier classifier;
    private final AtomicReference<AttemptFailure> fatal = new AtomicReference<>();
    private final RunControl control;

    TargetClient(Target target, ReplaySettings settings, Redactor redactor, RunControl control) {
        this.target = target;
        this.control = control;
        this.settings = settings;
        this.timeout = target.timeout() != null ? target.timeout() : settings.requestTimeout();
        this.backoff = new Backoff(settings);
        this.pacer = target.requestsPerMinute() == null ? null : new RatePacer(target.requestsPerMinute());
        this.classifier = new ResponseClassifier(redactor);
        Map<String, String> headers = target.secretHeaders().values();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(target.baseUrl())
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false)
                .property("io.quarkus.rest.client.connection-pool-size", Math.max(settings.concurrency(), 1))
                .clientHeadersFactory(new StaticHeaders(headers))
                .userAgent("seedwatch")
                // headers carry the API key: no configuration may turn on request logging for these clients
                .loggingScope(LoggingScope.NONE)
                .build(ChatCompletionsApi.class);
    }

    /** Sends one replay, retrying transient failures; blocks until it completes. */
    ReplayOutcome replay(PlannedRequest request, int index) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Double> latency = new AtomicReference<>();
        String apiVersion = target.type() == TargetType.AZURE ? target.apiVersion() : null;
        Uni<ResponseClassifier.Completion> attempt = Uni.createFrom().deferred(() -> {
            if (control.stopped()) {
                return Uni.createFrom().failure(stopped());
            }
            AttemptFailure fatalFailure = fatal.get();
            if (fatalFailure != null) {
                return Uni.createFrom().failure(notSent(fatalFailure));
            }
            pace();
            attempts.incrementAndGet();
            long start = System.nanoTime();
            return api.create(apiVersion, request.body())
                    .ifNoItem().after(timeout).fail()
                    .map(response -> {
                        try (response) {
                            String body = response.hasEntity() ? response.readEntity(String.class) : "";
                            ResponseClassifier.Completion completion = classifier.classify(response.getStatus(), body,
                                    response.getHeaderString("Retry-After"));
                            latency.set((System.nanoTime() - start) / 1e9);
                            return completion;
                        }
                    })
                    .onFailure().transform(classifier::classify);
        });
        try {
            ResponseClassifier.Completion c = attempt
                    .onFailure(this::retryable).retry()
                    .when(failures -> failures.onItem().transformToUniAndConcatenate(failure -> {
                        if (attempts.get() >= settings.maxAttempts()) {
                            return Uni.createFrom().failure(failure);
                        }
                        Duration wait = backoff.before(attempts.get(), ((AttemptFailure) failure).retryAfter());
                        Uni<Boolean> again = Uni.createFrom().item(Boolean.TRUE);
                        return wait.isZero() ? again : again.onItem().delayIt().by(wait); // Mutiny rejects a 0 delay
                    }))
                    .await().indefinitely();
            return new ReplayOutcome(target.name(), request.prompt().id(), index, c.text(), c.finishReason(),
                    c.fingerprint(), c.servedModel(), c.promptTokens(), c.completionTokens(), latency.get(),
                    attempts.get(), null, 200, null);
        } catch (RuntimeException e) {
            AttemptFailure failure = control.stopped() ? stopped()
                    : e instanceof AttemptFailure f ? f : classifier.classify(e);
            if (failure.reason().fatalForTarget() && attempts.get() > 0) {
                fatal.compareAndSet(null, failure);
            }
            return ReplayOutcome.failed(target.name(), request.prompt().id(), index, attempts.get(), failure.reason(),
                    failure.httpStatus(), failure.getMessage());
        }
    }

    /**
     * Closes the HTTP client: connections of requests a stopped run abandoned are closed now, rather than answering
     * into an application that is shutting down.
     */
    void close() {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing is best effort: the process is about to finish
            }
        }
    }

    private boolean retryable(Throwable t) {
        return t instanceof AttemptFailure f && f.reason().retryable();
    }

    private AttemptFailure stopped() {
        return new AttemptFailure(FailureReason.CANCELLED, null, null, "run stopped (" + control.reason() + ")");
    }

    private AttemptFailure notSent(AttemptFailure cause) {
        return new AttemptFailure(cause.reason(), cause.httpStatus(), null,
                "not sent: an earlier request to this target failed with " + cause.reason().label() + " ("
                        + cause.getMessage() + ")");
    }

    private void pace() {
        if (pacer == null) {
            return;
        }
        Duration wait = pacer.reserve();
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis(), (int) (wait.toNanosPart() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AttemptFailure(FailureReason.CANCELLED, null, null, "interrupted while pacing");
            }
        }
    }
}
