package dev.seedwatch.replay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

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
 * Sends one target's replays: an HTTP peer bound to its base URL and headers, the retry policy ({@link RetryPolicy},
 * on the replay's own thread: it blocks anyway, and a reactive pipeline per request cost 13 % of a large run's CPU
 * in context propagation alone), its rate pacing, and the rule that after a fatal answer (bad key, unknown model,
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
        int attempts = 0;
        try {
            while (true) {
                if (control.stopped()) {
                    throw stopped();
                }
                AttemptFailure fatalFailure = fatal.get();
                if (fatalFailure != null) {
                    throw notSent(fatalFailure);
                }
                RateBudget.Ticket ticket = pace();
                attempts++;
                long start = System.nanoTime();
                try {
                    Completion c = attempt(uri, request, ticket);
                    return new ReplayOutcome(target.name(), request.prompt().id(), index, c.text(), c.finishReason(),
                            c.fingerprint(), c.servedModel(), c.promptTokens(), c.completionTokens(),
                            (System.nanoTime() - start) / 1e9, attempts, null, 200, null, c.tokens(), null);
                } catch (AttemptFailure failure) {
                    if (!failure.retryable() || attempts >= retry.maxAttempts()) {
                        throw failure;
                    }
                    sleep(retry.before(attempts, failure.retryAfter()), "waiting to retry");
                }
            }
        } catch (RunAbort e) {
            control.stop(e.getMessage() + " while replaying " + target.name() + "/" + request.prompt().id());
            return ReplayOutcome.failed(target.name(), request.prompt().id(), index, attempts,
                    FailureReason.CANCELLED, null, "not measured: " + e.getMessage());
        } catch (RuntimeException e) {
            AttemptFailure failure = control.stopped() ? stopped()
                    : e instanceof AttemptFailure f ? f : classifier.classify(e);
            if (failure.reason().fatalForTarget() && attempts > 0) {
                fatal.compareAndSet(null, failure);
            }
            return ReplayOutcome.failed(target.name(), request.prompt().id(), index, attempts, failure.reason(),
                    failure.httpStatus(), failure.getMessage());
        }
    }

    /**
     * One exchange: the answer, or the failure it is (an {@link AttemptFailure}). An {@link Error} on the way (out of
     * memory reading an answer) is a {@link RunAbort}: it says nothing about the target.
     */
    private Completion attempt(URI uri, PlannedRequest request, RateBudget.Ticket ticket) {
        HttpPeer.Answer answer;
        try {
            answer = http.post(uri, request.body(), timeout).get();
        } catch (ExecutionException e) {
            budget.release(ticket);
            throw classifier.classify(e.getCause());
        } catch (InterruptedException e) {
            budget.release(ticket);
            Thread.currentThread().interrupt();
            throw new AttemptFailure(FailureReason.CANCELLED, null, null, "interrupted while waiting for an answer");
        } catch (RuntimeException e) {
            budget.release(ticket);
            throw classifier.classify(e);
        }
        try {
            budget.update(answer::header, ticket, Instant.now());
            Completion completion = classifier.classify(answer.status(),
                    new String(answer.body(), StandardCharsets.UTF_8), answer::header);
            budget.used(tokens(completion));
            return completion;
        } catch (Error e) {
            throw classifier.classify(e);
        }
    }

    /**
     * Closes the HTTP client: connections of requests a stopped run abandoned are closed now, rather than answering
     * into an application that is shutting down.
     */
    void close() {
        http.close();
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
        // a reset far ahead (a skewed clock, a long window) waits no longer than a Retry-After would
        Duration provider = ticket.delay().compareTo(retry.maxRetryAfter()) > 0 ? retry.maxRetryAfter()
                : ticket.delay();
        try {
            sleep(configured.compareTo(provider) >= 0 ? configured : provider, "pacing");
        } catch (AttemptFailure interrupted) {
            budget.release(ticket);
            throw interrupted;
        }
        return ticket;
    }

    private static void sleep(Duration wait, String what) {
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis(), (int) (wait.toNanosPart() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AttemptFailure(FailureReason.CANCELLED, null, null, "interrupted while " + what);
            }
        }
    }
}
