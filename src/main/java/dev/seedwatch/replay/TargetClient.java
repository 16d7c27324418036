package dev.seedwatch.replay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Vertx;

import dev.seedwatch.provider.AttemptFailure;
import dev.seedwatch.provider.Completion;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Providers;
import dev.seedwatch.provider.RateLimits;
import dev.seedwatch.provider.ResponseClassifier;
import dev.seedwatch.provider.RunAbort;
import dev.seedwatch.suite.Target;
import dev.seedwatch.support.HttpPeer;
import dev.seedwatch.support.Redactor;
import dev.seedwatch.support.RetryPolicy;

/**
 * Sends one target's replays: an HTTP peer bound to its base URL and headers, the retry policy ({@link RetryPolicy},
 * on the replay's own thread: it blocks anyway, and a reactive pipeline per request cost 13 % of a large run's CPU
 * in context propagation alone), its rate pacing ({@link RateModel}), and the rule that after a fatal answer (bad key, unknown model,
 * seed rejected) nothing more is sent to it.
 */
final class TargetClient {

    private final Target target;
    private final HttpPeer http;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final RatePacer pacer;
    private final RateModel model;
    private final ResponseClassifier classifier;
    private final AtomicReference<AttemptFailure> fatal = new AtomicReference<>();
    /** Completions the target answered: a 429 between two of them is the target being busy, not out of quota. */
    private final AtomicLong answered = new AtomicLong();
    private final RunControl control;

    TargetClient(Vertx vertx, Target target, ReplaySettings settings, Redactor redactor, RunControl control) {
        this.target = target;
        this.control = control;
        this.retry = settings.retry();
        this.timeout = target.timeout() != null ? target.timeout() : settings.requestTimeout();
        this.pacer = target.requestsPerMinute() == null ? null : new RatePacer(target.requestsPerMinute());
        this.model = new RateModel(retry.maxRetryAfter());
        this.classifier = new ResponseClassifier(Providers.of(target.type()), redactor);
        this.http = new HttpPeer(vertx, target.secretHeaders().values(), settings.concurrency(),
                settings.connectTimeout(),
                target.maxResponseBytes() != null ? target.maxResponseBytes() : settings.maxResponseBytes());
    }

    /** Sends one replay, retrying transient failures; blocks until it completes. */
    ReplayOutcome replay(PlannedRequest request, int index) {
        URI uri = URI.create(target.baseUrl() + "/" + request.provider().path(target));
        int attempts = 0;
        int counted = 0;
        long answeredBefore = answered.get();
        try {
            while (true) {
                if (control.stopped()) {
                    throw stopped();
                }
                AttemptFailure fatalFailure = fatal.get();
                if (fatalFailure != null) {
                    throw notSent(fatalFailure);
                }
                RateModel.Ticket ticket = pace();
                long answeredAtStart = answered.get();
                attempts++;
                long start = System.nanoTime();
                try {
                    Completion c = attempt(uri, request, ticket);
                    return new ReplayOutcome(target.name(), request.prompt().id(), index, c.text(), c.finishReason(),
                            c.fingerprint(), c.servedModel(), c.promptTokens(), c.completionTokens(),
                            (System.nanoTime() - start) / 1e9, attempts, null, 200, null, c.tokens(), null);
                } catch (AttemptFailure failure) {
                    boolean waitable = waitable(failure, answeredBefore);
                    answeredBefore = answeredAtStart;
                    if (!waitable) {
                        counted++;
                    }
                    if (!failure.retryable() || counted >= retry.maxAttempts()) {
                        throw failure;
                    }
                    // a 429's stated wait holds the whole target (the model's); one without a wait is spread
                    Duration own = !waitable ? retry.before(counted, failure.retryAfter())
                            : failure.retryAfter() == null ? retry.before(1, null) : Duration.ZERO;
                    sleep(own, "waiting to retry");
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
    private Completion attempt(URI uri, PlannedRequest request, RateModel.Ticket ticket) {
        HttpPeer.Answer answer;
        try {
            answer = http.post(uri, request.bodyBytes(), timeout).get();
        } catch (ExecutionException e) {
            model.released(ticket);
            throw classifier.classify(e.getCause());
        } catch (InterruptedException e) {
            model.released(ticket);
            Thread.currentThread().interrupt();
            throw new AttemptFailure(FailureReason.CANCELLED, null, null, "interrupted while waiting for an answer");
        } catch (RuntimeException e) {
            model.released(ticket);
            throw classifier.classify(e);
        }
        try {
            Instant now = Instant.now();
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            RateLimits limits = classifier.rateLimits(answer.status(), body, answer::header, now);
            try {
                Completion completion = classifier.classify(answer.status(), body, answer::header);
                answered.incrementAndGet();
                model.answered(ticket, limits, now);
                model.used(tokens(completion));
                return completion;
            } catch (AttemptFailure failure) {
                if (failure.reason() == FailureReason.RATE_LIMITED) {
                    model.limited(ticket, limits, failure.retryAfter(), now);
                } else {
                    model.answered(ticket, limits, now);
                }
                throw failure;
            }
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

    /**
     * A 429 that can be waited out uses up none of the replay's attempts (the run deadline bounds it instead): the
     * target answered another request since the replay's attempt before this one (it is busy, not out of quota),
     * and the wait it asks for, if any, is within the longest allowed ({@code max-retry-after}).
     */
    private boolean waitable(AttemptFailure failure, long answeredBefore) {
        return failure.reason() == FailureReason.RATE_LIMITED && answered.get() > answeredBefore
                && (failure.retryAfter() == null || failure.retryAfter().compareTo(retry.maxRetryAfter()) <= 0);
    }

    /** Waits for the target's own pace ({@code requests-per-minute}), then until its rate model lets a request go. */
    private RateModel.Ticket pace() {
        sleep(pacer == null ? Duration.ZERO : pacer.reserve(), "pacing");
        while (true) {
            if (control.stopped()) {
                throw stopped();
            }
            RateModel.Next next = model.next(Instant.now());
            if (next instanceof RateModel.Go go) {
                return go.ticket();
            }
            sleep(((RateModel.Wait) next).duration(), "pacing");
        }
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
