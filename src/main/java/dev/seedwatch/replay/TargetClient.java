package dev.seedwatch.replay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.seedwatch.provider.AttemptFailure;
import dev.seedwatch.provider.Completion;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Providers;
import dev.seedwatch.provider.ResponseClassifier;
import dev.seedwatch.provider.RunAbort;
import dev.seedwatch.suite.Target;
import dev.seedwatch.support.HttpPeer;
import dev.seedwatch.support.Redactor;
import dev.seedwatch.support.RetryPolicy;

/**
 * Sends one target's replays: an HTTP peer bound to its base URL and headers, the retry policy (Mutiny's retry
 * driven by {@link RetryPolicy}), its rate pacing, and the rule that after a fatal answer (bad key, unknown model,
 * seed rejected) nothing more is sent to it.
 */
final class TargetClient {

    private final Target target;
    private final HttpPeer http;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final RatePacer pacer;
    private final RateBudget budget = new RateBudget();
    private final ResponseClassifier classifier;
    private final AtomicReference<AttemptFailure> fatal = new AtomicReference<>();
    private final RunControl control;

    TargetClient(Vertx vertx, Target target, ReplaySettings settings, Redactor redactor, RunControl control) {
        this.target = target;
        this.control = control;
        this.retry = settings.retry();
        this.timeout = target.timeout() != null ? target.timeout() : settings.requestTimeout();
        this.pacer = target.requestsPerMinute() == null ? null : new RatePacer(target.requestsPerMinute());
        this.classifier = new ResponseClassifier(Providers.of(target.type()), redactor);
        this.http = new HttpPeer(vertx, target.secretHeaders().values(), settings.concurrency(),
                settings.connectTimeout(),
                target.maxResponseBytes() != null ? target.maxResponseBytes() : settings.maxResponseBytes());
    }

    /** Sends one replay, retrying transient failures; blocks until it completes. */
    ReplayOutcome replay(PlannedRequest request, int index) {
        URI uri = URI.create(target.baseUrl() + "/" + request.provider().path(target));
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Double> latency = new AtomicReference<>();
        Uni<Completion> attempt = Uni.createFrom().deferred(() -> {
            if (control.stopped()) {
                return Uni.createFrom().failure(stopped());
            }
            AttemptFailure fatalFailure = fatal.get();
            if (fatalFailure != null) {
                return Uni.createFrom().failure(notSent(fatalFailure));
            }
            RateBudget.Ticket ticket = pace();
            attempts.incrementAndGet();
            long start = System.nanoTime();
            return Uni.createFrom().completionStage(() -> http.post(uri, request.body(), timeout))
                    .onFailure().invoke(() -> budget.release(ticket))
                    .map(answer -> {
                        budget.update(answer::header, ticket, Instant.now());
                        Completion completion = classifier.classify(answer.status(),
                                new String(answer.body(), StandardCharsets.UTF_8), answer::header);
                        latency.set((System.nanoTime() - start) / 1e9);
                        budget.used(tokens(completion));
                        return completion;
                    })
                    .onFailure().transform(classifier::classify);
        });
        try {
            Completion c = attempt
                    .onFailure(this::retryable).retry()
                    .when(failures -> failures.onItem().transformToUniAndConcatenate(failure -> {
                        if (attempts.get() >= retry.maxAttempts()) {
                            return Uni.createFrom().failure(failure);
                        }
                        Duration wait = retry.before(attempts.get(), ((AttemptFailure) failure).retryAfter());
                        Uni<Boolean> again = Uni.createFrom().item(Boolean.TRUE);
                        return wait.isZero() ? again : again.onItem().delayIt().by(wait); // Mutiny rejects a 0 delay
                    }))
                    .await().indefinitely();
            return new ReplayOutcome(target.name(), request.prompt().id(), index, c.text(), c.finishReason(),
                    c.fingerprint(), c.servedModel(), c.promptTokens(), c.completionTokens(), latency.get(),
                    attempts.get(), null, 200, null, c.tokens(), null);
        } catch (RunAbort e) {
            control.stop(e.getMessage() + " while replaying " + target.name() + "/" + request.prompt().id());
            return ReplayOutcome.failed(target.name(), request.prompt().id(), index, attempts.get(),
                    FailureReason.CANCELLED, null, "not measured: " + e.getMessage());
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
        http.close();
    }

    private boolean retryable(Throwable t) {
        return t instanceof AttemptFailure f && f.retryable();
    }

    private AttemptFailure stopped() {
        return new AttemptFailure(FailureReason.CANCELLED, null, null, "run stopped (" + control.reason() + ")");
    }

    private AttemptFailure notSent(AttemptFailure cause) {
        return new AttemptFailure(cause.reason(), cause.httpStatus(), null,
                "not sent: an earlier request to this target failed with " + cause.reason().label() + " ("
                        + cause.getMessage() + ")");
    }

    private static long tokens(Completion c) {
        return (c.promptTokens() == null ? 0 : c.promptTokens()) + (c.completionTokens() == null ? 0 : c.completionTokens());
    }

    /** Waits for the target's own pace ({@code requests-per-minute}) and for what its rate-limit headers leave. */
    private RateBudget.Ticket pace() {
        Duration configured = pacer == null ? Duration.ZERO : pacer.reserve();
        RateBudget.Ticket ticket = budget.reserve(Instant.now());
        Duration wait = configured.compareTo(ticket.delay()) >= 0 ? configured : ticket.delay();
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis(), (int) (wait.toNanosPart() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AttemptFailure(FailureReason.CANCELLED, null, null, "interrupted while pacing");
            }
        }
        return ticket;
    }
}
